-- Access-token generation per user: a password reset bumps it and every access token issued
-- before (carrying an older generation) is refused at once (server/src/auth/token-generations.ts).
ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0;

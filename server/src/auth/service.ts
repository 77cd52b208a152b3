/** Sign-in, refresh-token rotation and logout against the users/refresh_tokens tables. */
import { randomUUID } from 'node:crypto';
import type { LoginResponse, SessionUser } from '@contract/auth';
import type { Database, Tx } from '../db/database';
import type { UserRow } from '../db/schema';
import { ApiError, tooManyRequests } from '../http/errors';
import { verifyPassword } from './passwords';
import { LoginRateLimiter, loginRateLimitKey } from './rate-limit';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, hashRefreshToken, newRefreshToken, type TokenSigner } from './tokens';

const invalidCredentials = (): ApiError => new ApiError(401, 'invalid_credentials', 'Wrong username or password');
const invalidRefresh = (): ApiError => new ApiError(401, 'invalid_refresh_token', 'The refresh token is invalid, expired or revoked');

export function toSessionUser(user: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'team_id' | 'sip_extension'>): SessionUser {
  return { id: user.id, username: user.username, displayName: user.display_name, role: user.role, teamId: user.team_id, sipExtension: user.sip_extension };
}

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly signer: TokenSigner,
    private readonly limiter: LoginRateLimiter = new LoginRateLimiter(db),
  ) {}

  async login(username: string, password: string, ip: string): Promise<LoginResponse> {
    const key = loginRateLimitKey(ip, username);
    const retryAfter = await this.limiter.retryAfterSeconds(key);
    if (retryAfter > 0) throw tooManyRequests(`Too many failed sign-in attempts; try again in ${retryAfter} s`, retryAfter);

    const user = await this.db.kysely.selectFrom('users').selectAll()
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.trim().toLowerCase()))
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    // Unknown users verify against a dummy hash: same work, same answer, no user enumeration.
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok) {
      await this.limiter.recordFailure(key);
      throw invalidCredentials();
    }
    await this.limiter.recordSuccess(key);
    return this.issue(user, randomUUID());
  }

  /** Rotates a refresh token. Presenting an already-rotated token revokes its whole family (theft). */
  async refresh(refreshToken: string): Promise<LoginResponse> {
    const tokenHash = hashRefreshToken(refreshToken);
    const outcome = await this.db.transaction(async (trx) => {
      const row = await trx.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
      if (!row) return null;
      if (row.revoked_at !== null) {
        if (row.replaced_by !== null) {
          await trx.updateTable('refresh_tokens').set({ revoked_at: new Date() })
            .where('family_id', '=', row.family_id).where('revoked_at', 'is', null).execute();
        }
        return null;
      }
      if (row.expires_at.getTime() <= Date.now()) return null;
      const user = await trx.selectFrom('users').selectAll().where('id', '=', row.user_id).where('disabled_at', 'is', null).executeTakeFirst();
      if (!user) return null;
      const next = await this.insertRefreshToken(trx, user.id, row.family_id);
      await trx.updateTable('refresh_tokens').set({ revoked_at: new Date(), replaced_by: next.id }).where('id', '=', row.id).execute();
      return { user, refreshToken: next.token };
    });
    if (!outcome) throw invalidRefresh();
    return this.response(outcome.user, outcome.refreshToken);
  }

  /** Revokes the refresh token (idempotent: unknown or already revoked tokens are fine). */
  async logout(refreshToken: string): Promise<void> {
    await this.db.kysely.updateTable('refresh_tokens').set({ revoked_at: new Date() })
      .where('token_hash', '=', hashRefreshToken(refreshToken)).where('revoked_at', 'is', null).execute();
  }

  async me(userId: string): Promise<SessionUser> {
    const user = await this.db.kysely.selectFrom('users').selectAll().where('id', '=', userId).where('disabled_at', 'is', null).executeTakeFirst();
    if (!user) throw new ApiError(401, 'unauthenticated', 'This account no longer exists or is disabled');
    return toSessionUser(user);
  }

  private async issue(user: UserRow, familyId: string): Promise<LoginResponse> {
    const { token } = await this.db.transaction((trx) => this.insertRefreshToken(trx, user.id, familyId));
    return this.response(user, token);
  }

  private async insertRefreshToken(trx: Tx, userId: string, familyId: string): Promise<{ id: string; token: string }> {
    const token = newRefreshToken();
    const row = await trx.insertInto('refresh_tokens').values({
      user_id: userId,
      family_id: familyId,
      token_hash: hashRefreshToken(token),
      expires_at: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, token };
  }

  private response(user: UserRow, refreshToken: string): LoginResponse {
    const accessToken = this.signer.sign({ sub: user.id, usr: user.username, role: user.role, team: user.team_id, gen: user.token_generation });
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user: toSessionUser(user) };
  }
}

/**
 * Access tokens: `<payload>.<signature>`, base64url JSON signed with HMAC-SHA256 under the
 * server secret; short-lived and stateless. Refresh tokens: 32 random bytes, stored only as
 * their SHA-256, rotated on every use (see service.ts).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { roleSchema } from '@contract/domain';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

const accessClaimsSchema = z.object({
  sub: z.string(),
  usr: z.string(),
  role: roleSchema,
  team: z.string().nullable(),
  /** The user's token generation at issue (auth/token-generations.ts); absent = 0. */
  gen: z.number().int().min(0).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

export class TokenSigner {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error('the auth secret must be at least 32 bytes');
  }

  sign(claims: Omit<AccessClaims, 'iat' | 'exp'>, nowSeconds = Math.floor(Date.now() / 1000), ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): string {
    const payload = Buffer.from(JSON.stringify({ ...claims, iat: nowSeconds, exp: nowSeconds + ttlSeconds })).toString('base64url');
    return `${payload}.${this.signature(payload)}`;
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): AccessClaims | null {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.signature(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const claims = accessClaimsSchema.safeParse(decoded);
    if (!claims.success || claims.data.exp <= nowSeconds) return null;
    return claims.data;
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

import { describe, expect, it } from 'vitest';
import { isOwnSelfTestInvite, newSelfTestToken, type PendingSelfTest } from './self-test-call';

const pending: PendingSelfTest = { token: '0123456789abcdef0123456789abcdef', extension: '1001' };

describe('self-test call recognition', () => {
  it('makes 128-bit hex tokens that differ every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newSelfTestToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/);
  });

  it('recognises only our own pending test call: our extension and exactly its token', () => {
    expect(isOwnSelfTestInvite({ header: pending.token, fromUser: '1001' }, pending)).toBe(true);
    // Header folding or case in transit does not matter.
    expect(isOwnSelfTestInvite({ header: ` ${pending.token.toUpperCase()} `, fromUser: '1001' }, pending)).toBe(true);
  });

  it('treats a forged or stray header as an ordinary call', () => {
    // A stranger (a customer's phone) with the right token: never auto-answered.
    expect(isOwnSelfTestInvite({ header: pending.token, fromUser: '2001' }, pending)).toBe(false);
    // Ourselves (another device of the same agent) with a wrong, truncated or malformed token.
    expect(isOwnSelfTestInvite({ header: 'ffffffffffffffffffffffffffffffff', fromUser: '1001' }, pending)).toBe(false);
    expect(isOwnSelfTestInvite({ header: pending.token.slice(0, 31), fromUser: '1001' }, pending)).toBe(false);
    expect(isOwnSelfTestInvite({ header: `${pending.token};x=1`, fromUser: '1001' }, pending)).toBe(false);
    expect(isOwnSelfTestInvite({ header: '', fromUser: '1001' }, pending)).toBe(false);
    // No header, no caller, or no test running.
    expect(isOwnSelfTestInvite({ header: undefined, fromUser: '1001' }, pending)).toBe(false);
    expect(isOwnSelfTestInvite({ header: pending.token, fromUser: null }, pending)).toBe(false);
    expect(isOwnSelfTestInvite({ header: pending.token, fromUser: '1001' }, null)).toBe(false);
  });
});

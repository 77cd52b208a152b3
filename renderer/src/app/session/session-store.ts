import { create } from 'zustand';
import type { SessionUser } from '@contract';

/** The signed-in agent. The access token lives only here, in memory. */
export interface SessionState {
  status: 'restoring' | 'signed_out' | 'signed_in';
  user: SessionUser | null;
  accessToken: string | null;
  /** Epoch ms when the access token expires. */
  accessTokenExpiresAt: number | null;
}

export const SIGNED_OUT: SessionState = { status: 'signed_out', user: null, accessToken: null, accessTokenExpiresAt: null };

export const sessionStore = create<SessionState>()(() => ({ ...SIGNED_OUT, status: 'restoring' }));

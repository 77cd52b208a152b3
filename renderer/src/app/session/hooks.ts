import { sessionStore, type SessionState } from './session-store';

/** Narrow selectors: a component re-renders only when the piece it reads changes. */
export const useSessionStatus = (): SessionState['status'] => sessionStore((state) => state.status);
export const useSessionUser = (): SessionState['user'] => sessionStore((state) => state.user);
export const useAccessToken = (): SessionState['accessToken'] => sessionStore((state) => state.accessToken);

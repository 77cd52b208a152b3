export { useAccessToken, useSessionStatus, useSessionUser } from './hooks';
export { currentAccessToken, restoreSession, signIn, signOut } from './session';
export type { SignInFailure, SignInOutcome } from './login-reply';

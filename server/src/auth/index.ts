/** Public surface of the auth module for other route modules. */
export { authenticate, requireRole, canAccessTeam, assertTeamAccess, visibleTeams, canRetag, userFromToken, type AuthUser } from './guard';
export { ALL_ROLES, LEADS_AND_ADMINS, ADMINS } from './roles';
export { AuthService, toSessionUser } from './service';
export { hashPassword, verifyPassword } from './passwords';
export { TokenSigner } from './tokens';

import type { Role } from '@contract/domain';

export const ALL_ROLES: readonly Role[] = ['agent', 'team_lead', 'admin'];
export const LEADS_AND_ADMINS: readonly Role[] = ['team_lead', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];

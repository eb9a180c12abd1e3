export const ROLES = ['admin', 'staff', 'gridworker', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call a channel. 'public' channels need no login (setup, login, app info). */
export type Access = 'public' | 'session' | readonly Role[];

export const ALL_ROLES: readonly Role[] = ROLES;
export const WRITERS: readonly Role[] = ['admin', 'staff'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];
/** Roles that may read office-wide records such as the audit log. */
export const READERS: readonly Role[] = ['admin', 'staff', 'viewer'];
/** Roles that work with persons in the field: record visits, raise needs, print and enter lists. */
export const FIELD_WORKERS: readonly Role[] = ['admin', 'staff', 'gridworker'];

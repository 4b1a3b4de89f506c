export const ROLES = ['buyer', 'artisan', 'coop_admin', 'curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as the rest of the code sees it (set on `req.user`). */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  /** A curator's regency scope; null for a provincial curator. */
  regency: string | null;
  /** The cooperative a coop_admin manages. */
  cooperativeId: string | null;
  locale: string;
  /** The owner followed the link mailed to `email` (payouts need it). */
  emailVerified?: boolean;
}

export function hasRole(user: Pick<CurrentUser, 'roles'> | undefined, ...roles: Role[]): boolean {
  return !!user && roles.some((role) => user.roles.includes(role));
}

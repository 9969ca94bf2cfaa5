export { Accounts, type SignedIn } from './accounts.js';
export { generatePassword, hashPassword, verifyPassword } from './password.js';
export type { AdminRouteInfo, RouteRoles } from './role-guard.js';
export { SESSION_COOKIE } from './session-cookie.js';
export type { User } from './user-repo.js';

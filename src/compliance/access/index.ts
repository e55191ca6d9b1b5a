export {
  AccessControl,
  type AccessOptions,
  type Authorization,
  type Credentials,
  type Principal,
  type SignedIn,
} from "./access.ts";
export { accessMigrations } from "./migrations.ts";
export { hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";
export {
  isPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from "./roles.ts";

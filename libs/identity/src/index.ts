import './messages.js';
import './mfa/mfa.messages.js';
import './personal-data/personal-data.messages.js';

export { IdentityModule } from './identity.module.js';
export { IdentityHttpModule } from './identity-http.module.js';
export { Public, Authenticated, CurrentUser, AUTH_POLICY, type AuthPolicy } from './auth.decorators.js';
export { ROLES, hasRole, type Role, type CurrentUser as SignedInUser } from './roles.js';
export { UsersService, toUserView, type NewUser } from './users.service.js';
export { AuthService } from './auth.service.js';
export { TokenService } from './token.service.js';
export { User } from './user.entity.js';
export { createCsrf } from './csrf.js';
export { SESSION_COOKIE, setSessionCookie, clearSessionCookie } from './session-cookie.js';
export { tokenFrom } from './auth.guard.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.seeder.js';
export { MfaLogin } from './mfa/mfa-login.service.js';
export { PersonalDataSections, ERASED, type PersonalDataSection } from './personal-data/personal-data-sections.js';

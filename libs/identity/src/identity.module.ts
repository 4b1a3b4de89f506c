import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBootstrap } from './admin-bootstrap.service.js';
import { AuthToken } from './auth-token.entity.js';
import { DemoAccountsSeeder } from './demo-accounts.seeder.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { TokenService } from './token.service.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

/** The services of identity, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [PasswordService, TokenService, LoginThrottle, UsersService, AuthService, AdminBootstrap, DemoAccountsSeeder];

@Module({
  imports: [TypeOrmModule.forFeature([User, AuthToken])],
  providers: [...SERVICES],
  exports: [...SERVICES],
})
export class IdentityModule {}

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitGuard } from '#libs/platform';
import { AdminBootstrap } from './admin-bootstrap.service.js';
import { AdminUsersController } from './admin-users.controller.js';
import { AuthToken } from './auth-token.entity.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { DemoAccountsSeeder } from './demo-accounts.seeder.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { MeController } from './me.controller.js';
import { PasswordService } from './password.service.js';
import { TokenService } from './token.service.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, AuthToken])],
  controllers: [AuthController, MeController, AdminUsersController],
  providers: [
    PasswordService,
    TokenService,
    LoginThrottle,
    UsersService,
    AuthService,
    AdminBootstrap,
    DemoAccountsSeeder,
    // Global guards run in the order they are registered: budgets per account need req.user from AuthGuard.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [UsersService, AuthService, TokenService],
})
export class IdentityModule {}

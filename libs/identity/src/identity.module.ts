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

@Module({
  imports: [TypeOrmModule.forFeature([User, AuthToken])],
  providers: [PasswordService, TokenService, LoginThrottle, UsersService, AuthService, AdminBootstrap, DemoAccountsSeeder],
  exports: [UsersService, AuthService, TokenService, PasswordService, LoginThrottle, AdminBootstrap, DemoAccountsSeeder],
})
export class IdentityModule {}

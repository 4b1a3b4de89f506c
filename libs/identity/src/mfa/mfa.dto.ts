import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { UserView } from '../auth.dto.js';

export class MfaCodeDto {
  @ApiProperty({ example: '123456', description: 'The six digits the authenticator app shows, or an unused recovery code' })
  @IsString()
  @Length(6, 20, { message: 'must be a six-digit code or a recovery code' })
  code: string;
}

export class MfaLoginDto extends MfaCodeDto {
  @ApiProperty({ description: 'From POST /auth/login; valid 5 minutes, once' })
  @IsString()
  @Matches(/^pkm_[A-Za-z0-9_-]{43}$/, { message: 'must be the mfaToken from POST /auth/login' })
  mfaToken: string;
}

export class MfaSetupView {
  @ApiProperty({ description: 'Base32, for typing into an authenticator app by hand' }) secret: string;
  @ApiProperty({ example: 'otpauth://totp/Pasar%20Kerthi:wayan%40example.com?secret=…&issuer=Pasar%20Kerthi' }) otpauthUrl: string;
}

export class RecoveryCodesView {
  @ApiProperty({ type: [String], description: 'Ten single-use codes, shown this once' }) recoveryCodes: string[];
}

export class MfaRequiredView {
  @ApiProperty({ type: Boolean, example: true }) mfaRequired: true;
  @ApiProperty({ description: 'Send it with a code to POST /auth/login/mfa' }) mfaToken: string;
}

export class MfaLoginResult {
  @ApiProperty() token: string;
  @ApiProperty({ type: UserView }) user: UserView;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { REGENCY_SLUGS } from '#libs/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterDto {
  @ApiProperty({ example: 'wayan@example.com' })
  @Transform(lower)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Wayan Sudarsana' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ enum: ['buyer', 'artisan'] })
  @IsIn(['buyer', 'artisan'], { message: 'must be buyer or artisan' })
  role: 'buyer' | 'artisan';

  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'])
  locale?: 'id' | 'en';
}

export class LoginDto {
  @ApiProperty()
  @Transform(lower)
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  @MaxLength(200)
  newPassword: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'])
  locale?: 'id' | 'en';
}

export class CreateUserDto {
  @ApiProperty()
  @Transform(lower)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ enum: ['curator', 'coop_admin', 'admin'] })
  @IsIn(['curator', 'coop_admin', 'admin'], { message: 'must be curator, coop_admin or admin' })
  role: 'curator' | 'coop_admin' | 'admin';

  @ApiPropertyOptional({ enum: REGENCY_SLUGS, nullable: true, description: "A curator's regency; null or absent = the whole province" })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(REGENCY_SLUGS, { message: `must be one of ${REGENCY_SLUGS.join(', ')}` })
  regency?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'The cooperative a coop_admin manages' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiPropertyOptional({ nullable: true }) regency: string | null;
  @ApiPropertyOptional({ nullable: true }) cooperativeId: string | null;
  @ApiProperty() locale: string;
  @ApiProperty({ description: 'The owner followed the link mailed to this address (payouts need it)' }) emailVerified: boolean;
}

export class AuthResult {
  @ApiProperty() token: string;
  @ApiProperty({ type: UserView }) user: UserView;
}

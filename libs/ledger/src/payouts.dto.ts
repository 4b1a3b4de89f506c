import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class PayoutAccountDto {
  @ApiProperty({ example: 'BCA', description: 'One of GET /banks' })
  @IsString()
  @MaxLength(40)
  bankCode: string;

  @ApiProperty({ example: '1234567890', description: 'Digits only (spaces and dashes are dropped); stored, shown only as its last four digits' })
  @IsString()
  @MaxLength(40)
  accountNumber: string;

  @ApiProperty({ example: 'Ni Luh Putu Sari', description: 'The holder’s name as the bank has it' })
  @IsString()
  @MaxLength(100)
  accountHolderName: string;
}

export class MarkPaidDto {
  @ApiProperty({ example: 'BCA-20261207-000123', description: 'The bank’s reference of the transfer' })
  @IsString()
  @MaxLength(100)
  bankReference: string;
}

export class MarkFailedDto {
  @ApiProperty({ example: 'Rekening tidak ditemukan', description: 'Why the bank refused it (3–300 characters); the owner is told' })
  @IsString()
  @MaxLength(300)
  reason: string;
}

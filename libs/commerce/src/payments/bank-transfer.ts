import { randomInt } from 'node:crypto';
import type { Money } from '#libs/platform';

/** The platform's collection account; buyers transfer there and write the reference in the description. */
export const PLATFORM_ACCOUNT = {
  bank: 'Bank Rakyat Indonesia (BRI)',
  accountName: 'PT Pasar Kerthi Nusantara',
  accountNumber: '0321-01-000777-30-5',
} as const;

export interface BankTransferInstructions {
  bank: string;
  accountName: string;
  accountNumber: string;
  amount: Money;
  reference: string;
  /** Minutes before unpaid orders are cancelled and their stock released. */
  payWithinMinutes: number;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `PK-` and eight characters that cannot be misread (no 0/O, 1/I); unique by a database constraint. */
export function paymentReference(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `PK-${code}`;
}

export function bankTransferInstructions(amount: Money, reference: string, payWithinMinutes: number): BankTransferInstructions {
  return { ...PLATFORM_ACCOUNT, amount, reference, payWithinMinutes };
}

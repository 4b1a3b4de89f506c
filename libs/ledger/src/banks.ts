/**
 * Indonesian banks a seller or cooperative can be paid to. `code` is ours (API: `GET /banks`,
 * `bankCode`); `xenditChannel` is Xendit's payout channel code, for the Xendit gateway
 * (xendit-payout-gateway.ts).
 */
export const BANKS = [
  { code: 'BCA', name: 'Bank Central Asia (BCA)', xenditChannel: 'ID_BCA' },
  { code: 'BNI', name: 'Bank Negara Indonesia (BNI)', xenditChannel: 'ID_BNI' },
  { code: 'BRI', name: 'Bank Rakyat Indonesia (BRI)', xenditChannel: 'ID_BRI' },
  { code: 'MANDIRI', name: 'Bank Mandiri', xenditChannel: 'ID_MANDIRI' },
  { code: 'BSI', name: 'Bank Syariah Indonesia (BSI)', xenditChannel: 'ID_BSI' },
  { code: 'BPD_BALI', name: 'BPD Bali (Bank BPD Bali)', xenditChannel: 'ID_BALI' },
  { code: 'CIMB', name: 'CIMB Niaga', xenditChannel: 'ID_CIMB' },
  { code: 'PERMATA', name: 'Bank Permata', xenditChannel: 'ID_PERMATA' },
  { code: 'DANAMON', name: 'Bank Danamon', xenditChannel: 'ID_DANAMON' },
  { code: 'BTN', name: 'Bank Tabungan Negara (BTN)', xenditChannel: 'ID_BTN' },
  { code: 'MEGA', name: 'Bank Mega', xenditChannel: 'ID_MEGA' },
  { code: 'OCBC', name: 'OCBC NISP', xenditChannel: 'ID_OCBC' },
  { code: 'PANIN', name: 'Panin Bank', xenditChannel: 'ID_PANIN' },
  { code: 'BJB', name: 'Bank BJB', xenditChannel: 'ID_BJB' },
] as const;

export type BankCode = (typeof BANKS)[number]['code'];
export const BANK_CODES: readonly string[] = BANKS.map((b) => b.code);
export const bankName = (code: string) => BANKS.find((b) => b.code === code)?.name ?? code;

import { Injectable } from '@nestjs/common';
import { DemoSeeder } from '#libs/platform';
import type { Role } from './roles.js';
import { UsersService } from './users.service.js';

/** The demo accounts named in the README (password `pasarkerthi123` for all). */
export const DEMO_PASSWORD = 'pasarkerthi123';
export const DEMO_ACCOUNTS: Array<{ email: string; name: string; role: Role; regency?: string }> = [
  { email: 'admin@demo.pasarkerthi.id', name: 'Admin Pasar Kerthi', role: 'admin' },
  { email: 'kurator.bali@demo.pasarkerthi.id', name: 'Ni Luh Kurator (Provinsi Bali)', role: 'curator' },
  { email: 'kurator.gianyar@demo.pasarkerthi.id', name: 'I Made Kurator (Gianyar)', role: 'curator', regency: 'gianyar' },
  { email: 'koperasi@demo.pasarkerthi.id', name: 'Pengurus Koperasi Tenun Sidemen', role: 'coop_admin' },
  { email: 'perajin@demo.pasarkerthi.id', name: 'I Wayan Perajin', role: 'artisan' },
  { email: 'pembeli@demo.pasarkerthi.id', name: 'Putu Pembeli', role: 'buyer' },
  { email: 'buyer@demo.pasarkerthi.id', name: 'Emma Buyer (Melbourne)', role: 'buyer' },
];

@Injectable()
export class DemoAccountsSeeder {
  constructor(private readonly users: UsersService) {}

  @DemoSeeder(10)
  async seed(): Promise<void> {
    for (const account of DEMO_ACCOUNTS) {
      if (await this.users.findForLogin(account.email)) continue;
      await this.users.create({
        ...account,
        password: DEMO_PASSWORD,
        roles: [account.role],
        regency: account.regency ?? null,
        locale: account.email.startsWith('buyer@') ? 'en' : 'id',
        emailVerified: true,
      });
    }
  }
}

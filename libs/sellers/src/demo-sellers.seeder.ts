import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEMO_PASSWORD, UsersService } from '#libs/identity';
import { DemoSeeder } from '#libs/platform';
import { DataSource } from 'typeorm';
import { DEMO_COOPERATIVES, DEMO_SELLERS } from './demo-sellers.js';
import { baliToday } from './documents/verification.js';

/**
 * Demo sellers (order 20, after the demo accounts): two cooperatives, about thirty sellers
 * in the nine regencies owned by their own artisan accounts (the demo artisan owns two),
 * and documents in every state so the curators' queue has work. Idempotent by slug.
 */
@Injectable()
export class DemoSellersSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  @DemoSeeder(20)
  async seed(): Promise<void> {
    const coops = new Map<string, string>();
    for (const coop of DEMO_COOPERATIVES) {
      await this.dataSource.query(`INSERT INTO cooperatives (name, regency, registration_number) VALUES ($1, $2, $3) ON CONFLICT (registration_number) DO NOTHING`, [
        coop.name,
        coop.regency,
        coop.registrationNumber,
      ]);
      const [row] = await this.dataSource.query(`SELECT id FROM cooperatives WHERE registration_number = $1`, [coop.registrationNumber]);
      coops.set(coop.registrationNumber, row.id);
      // The demo coop admin must administer this cooperative (identity sets users.cooperative_id).
      const admin = coop.adminEmail ? await this.users.findByEmail(coop.adminEmail) : null;
      if (admin) await this.users.setCooperative(this.dataSource.manager, admin.id, row.id, { onlyIfUnset: true });
    }
    const curator = await this.users.findByEmail('kurator.bali@demo.pasarkerthi.id');
    const existing = new Set((await this.dataSource.query(`SELECT slug FROM sellers`)).map((r: { slug: string }) => r.slug));
    const today = baliToday().replace(/-02-29$/, '-02-28');
    for (const [index, demo] of DEMO_SELLERS.entries()) {
      if (existing.has(demo.slug)) continue;
      const ownerId =
        (await this.users.findForLogin(demo.owner.email))?.id ??
        (await this.users.create({ email: demo.owner.email, name: demo.owner.name, password: DEMO_PASSWORD, roles: ['artisan'], emailVerified: true })).id;
      await this.dataSource.transaction(async (manager) => {
        const [seller] = await manager.query(
          `INSERT INTO sellers (owner_id, cooperative_id, slug, name, regency, district, story, whatsapp, business_form, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() - make_interval(days => $10)) RETURNING id`,
          [
            ownerId,
            demo.cooperative ? coops.get(demo.cooperative) : null,
            demo.slug,
            demo.name,
            demo.regency,
            demo.district,
            JSON.stringify(demo.story),
            `+62812${String(3800000 + index * 7919).padStart(7, '0')}`,
            demo.businessForm,
            400 - index * 11,
          ],
        );
        for (const [n, doc] of demo.documents.entries()) {
          const decided = doc.status === 'approved' || doc.status === 'rejected';
          const expiresAt = doc.expiresInYears === undefined ? null : `${Number(today.slice(0, 4)) + doc.expiresInYears}${today.slice(4)}`;
          await manager.query(
            `INSERT INTO seller_documents (seller_id, type, number, issued_at, expires_at, status, decision_reason, decided_by, decided_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              seller.id,
              doc.type,
              this.number(doc.type, index * 10 + n),
              expiresAt ? `${Number(expiresAt.slice(0, 4)) - 5}${expiresAt.slice(4)}` : '2022-03-15',
              expiresAt,
              doc.status,
              doc.reason ?? null,
              decided ? (curator?.id ?? null) : null,
              decided ? new Date() : null,
            ],
          );
        }
      });
    }
  }

  /** Plausible, deterministic numbers: NIB 13 digits, NPWP 16, permits in their usual shapes. */
  private number(type: string, n: number): string {
    const digits = (length: number) =>
      String(9_120_000_000_000 + n * 7_654_321)
        .padStart(length, '0')
        .slice(-length);
    switch (type) {
      case 'NIB':
        return `91${digits(11)}`;
      case 'NPWP':
        return `0${digits(15)}`;
      case 'SPP_IRT':
      case 'PIRT':
        return `P-IRT ${digits(15)}-29`;
      default:
        return `${type}-${digits(8)}`;
    }
  }
}

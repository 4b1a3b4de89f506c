import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Display-only exchange rates (prices are set in IDR). `rate_per_idr` is units of the
 * currency per 1 IDR, so converting is one multiplication (`convertMoney`). Seeded with
 * the Bank Indonesia mid rates of 27 November 2026 (IDR per unit in the comments).
 */
const SEED: Array<[string, number]> = [
  ['USD', 16_650], // 1 USD = Rp 16.650
  ['EUR', 19_310],
  ['AUD', 10_870],
  ['SGD', 12_820],
  ['JPY', 108.4],
  ['CNY', 2_335],
  ['GBP', 21_940],
];

export class ExchangeRates1764300300000 implements MigrationInterface {
  name = 'ExchangeRates1764300300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE exchange_rates (
        currency text PRIMARY KEY CHECK (currency ~ '^[A-Z]{3}$' AND currency <> 'IDR'),
        rate_per_idr numeric NOT NULL CHECK (rate_per_idr > 0),
        as_of date NOT NULL,
        set_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [currency, idrPerUnit] of SEED) {
      await db.query(`INSERT INTO exchange_rates (currency, rate_per_idr, as_of) VALUES ($1, round(1 / $2::numeric, 14), '2026-11-27')`, [currency, idrPerUnit]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE exchange_rates`);
  }
}

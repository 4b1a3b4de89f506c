import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describeViolation, entityIndex, findViolations, loadOwnership, ownerIndex, relationsInSql, type Ownership } from './support/table-ownership.js';

/**
 * Each lib owns its tables (CONTRIBUTING.md "Tables"): `libs/<lib>/src/<lib>.tables.ts` lists the
 * tables it owns and the views it declares as its public read model. No other lib names those
 * tables in SQL or reaches them through the owner's TypeORM entities; it asks the owner's exported
 * service or reads one of its views. Every table in the migrated database has exactly one owner.
 */
describe('architecture: each lib owns its tables', () => {
  let ownership: Map<string, Ownership>;

  beforeAll(async () => {
    ownership = await loadOwnership();
  });

  it('finds relation names in SQL the way the check needs', () => {
    const names = (sql: string) => relationsInSql(sql).map((r) => r.name);
    expect(names('SELECT s.id FROM sellers s JOIN users u ON u.id = s.owner_id')).toEqual(['sellers', 'users']);
    expect(names('SELECT 1 FROM products p, sellers s WHERE p.seller_id = s.id')).toEqual(['products', 'sellers']);
    expect(names('INSERT INTO jobs(type) VALUES ($1)')).toEqual(['jobs']);
    expect(names('UPDATE orders o SET status = $1 FROM order_lines l WHERE l.order_id = o.id')).toEqual(['orders', 'order_lines']);
    expect(names('DELETE FROM "public"."media" WHERE id = $1')).toEqual(['media']);
    expect(names(`SELECT EXTRACT(EPOCH FROM now()), x FROM unnest($1::uuid[]) AS x(id) WHERE a IS DISTINCT FROM s.regency`)).toEqual([]);
    expect(names('SELECT 1 FROM reviews r LEFT JOIN LATERAL (SELECT 1) x ON true ON CONFLICT DO UPDATE SET a = 1')).toEqual(['reviews']);
    expect(names('select s.id from sellers s join users u on u.id = s.owner_id')).toEqual(['sellers', 'users']);
    expect(names('You cannot buy from sellers you manage')).toEqual([]);
  });

  it("no lib's SQL or TypeORM calls name a table another lib owns (views it declares public aside)", () => {
    const violations = findViolations(ownerIndex(ownership), entityIndex());
    expect(violations.map(describeViolation)).toEqual([]);
  });

  it('every table and view in the migrated database has exactly one owner, and every claim exists', async () => {
    const owners = ownerIndex(ownership); // throws when two libs claim one name
    const base = process.env.PK_TEST_PG_URL!;
    const name = `pk_arch_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE pk_template`);
      const client = new pg.Client({ connectionString: base.replace(/\/postgres$/, `/${name}`) });
      await client.connect();
      let relations: { table_name: string; table_type: string }[];
      try {
        ({ rows: relations } = await client.query<{ table_name: string; table_type: string }>(
          `SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
        ));
      } finally {
        await client.end();
      }
      const problems: string[] = [];
      for (const { table_name: relation, table_type: type } of relations) {
        const kind = type === 'VIEW' ? 'view' : 'table';
        const owner = owners.get(relation);
        if (!owner) problems.push(`${kind} ${relation} has no owner: claim it in libs/<lib>/src/<lib>.tables.ts`);
        else if (owner.kind !== kind) problems.push(`${relation} is a ${kind} in the database but libs/${owner.lib} lists it under ${owner.kind}s`);
      }
      const present = new Set(relations.map((r) => r.table_name));
      for (const [relation, owner] of owners) {
        if (!present.has(relation)) problems.push(`libs/${owner.lib} claims ${owner.kind} ${relation}, which no migration creates`);
      }
      expect(problems).toEqual([]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  });
});

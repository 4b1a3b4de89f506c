import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole, type SignedInUser } from '#libs/identity';
import { forbidden, invalid, isRegency, REGENCY_SLUGS, type Text } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { isProductExportReady, type ProductReadinessInput } from './product-export-readiness.js';
import { ReadinessFacts } from './readiness-facts.repository.js';
import { DIMENSIONS, READINESS_ITEMS, type ReadinessLevel } from './readiness-model.js';
import { assessReadiness, type ReadinessAssessment } from './readiness-score.js';

export interface RegencyReadiness {
  regency: string;
  sellers: number;
  averageScore: number;
  levels: Record<ReadinessLevel, number>;
  dimensions: Array<{ key: string; average: number; max: number }>;
  /** The checklist items most sellers still miss, most common first. */
  commonGaps: Array<{ key: string; label: Text; count: number }>;
}

/** Readiness of sellers (assessment, regency summaries) and the product export-ready rule. */
@Injectable()
export class ExportReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: ReadinessFacts,
    private readonly access: SellerAccess,
  ) {}

  /** For the seller's managers and curators in scope (404 unknown seller, 403 otherwise). */
  async assess(user: SignedInUser, sellerId: string): Promise<ReadinessAssessment> {
    if (hasRole(user, 'curator') && (await this.access.inCuratorScope(user, [sellerId])).has(sellerId)) return this.forSeller(sellerId);
    await this.access.assertCanManage(user, sellerId);
    return this.forSeller(sellerId);
  }

  async forSeller(sellerId: string): Promise<ReadinessAssessment> {
    const facts = await this.facts.load([sellerId]);
    return assessReadiness(facts.get(sellerId)!);
  }

  /** Per-regency aggregates; a regency curator sees only their own regency (403 for another). */
  async summary(user: SignedInUser, regency: string | undefined): Promise<{ regencies: RegencyReadiness[] }> {
    if (regency !== undefined && !isRegency(regency)) throw invalid('regency', `must be one of ${REGENCY_SLUGS.join(', ')}`);
    const scope = hasRole(user, 'admin') ? null : user.regency;
    if (scope && regency && regency !== scope) throw forbidden('Your curator scope is another regency');
    const regencies = regency ? [regency] : scope ? [scope] : [...REGENCY_SLUGS];
    const sellers: Array<{ id: string; regency: string }> = await this.dataSource.query(`SELECT id, regency FROM sellers_public_v WHERE regency = ANY($1::text[]) AND suspended_at IS NULL`, [
      regencies,
    ]);
    const facts = await this.facts.load(sellers.map((s) => s.id));
    const assessments = sellers.map((s) => ({ regency: s.regency, assessment: assessReadiness(facts.get(s.id)!) }));
    return {
      regencies: regencies.map((slug) =>
        summarise(
          slug,
          assessments.filter((a) => a.regency === slug).map((a) => a.assessment),
        ),
      ),
    };
  }

  /** productId → export-ready, for the ids that exist (search indexes this). */
  async productExportReadiness(productIds: string[]): Promise<Map<string, boolean>> {
    if (productIds.length === 0) return new Map();
    const rows: Array<ProductReadinessInput & { id: string; sellerId: string }> = await this.dataSource.query(
      `SELECT id, seller_id AS "sellerId", hs_code AS "hsCode", weight_grams AS "weightGrams", title, description,
              category_slug AS "categorySlug", export
       FROM catalogue_products_v WHERE id = ANY($1::uuid[])`,
      [productIds],
    );
    const facts = await this.facts.load([...new Set(rows.map((row) => row.sellerId))]);
    const sellers = new Map([...facts].map(([id, f]) => [id, { level: assessReadiness(f).level, documents: f.documents }]));
    return new Map(rows.map((row) => [row.id, isProductExportReady(row, sellers.get(row.sellerId)!)]));
  }
}

function summarise(regency: string, assessments: ReadinessAssessment[]): RegencyReadiness {
  const count = assessments.length;
  const average = (values: number[]) => (count ? Math.round((values.reduce((a, b) => a + b, 0) / count) * 10) / 10 : 0);
  const levels: Record<ReadinessLevel, number> = { not_ready: 0, emerging: 0, ready: 0, export_active: 0 };
  const gaps = new Map<string, number>();
  for (const a of assessments) {
    levels[a.level]++;
    for (const item of a.checklist) if (!item.done) gaps.set(item.key, (gaps.get(item.key) ?? 0) + 1);
  }
  return {
    regency,
    sellers: count,
    averageScore: average(assessments.map((a) => a.score)),
    levels,
    dimensions: DIMENSIONS.map((key) => ({
      key,
      average: average(assessments.map((a) => a.dimensions.find((d) => d.key === key)!.score)),
      max: READINESS_ITEMS.filter((i) => i.dimension === key).reduce((sum, i) => sum + i.weight, 0),
    })),
    commonGaps: [...gaps]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([key, n]) => ({ key, label: READINESS_ITEMS.find((i) => i.key === key)!.label, count: n })),
  };
}

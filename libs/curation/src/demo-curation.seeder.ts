import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import { DEMO_ACCOUNTS, UsersService } from '#libs/identity';
import { DemoSeeder } from '#libs/platform';
import { DataSource } from 'typeorm';
import { CurationAssessment } from './curation-assessment.entity.js';
import { FeaturedSeller } from './featured-seller.entity.js';
import { gradeOf, type KurasiScores } from './kurasi-grade.js';

const COLLECTIONS: Array<{ collection: string; note: string; slugs: string[] }> = [
  { collection: 'Tenun Klungkung', note: 'Songket Gelgel dan tenun ikat Nusa Penida, ditenun dengan tangan.', slugs: ['songket-gelgel-ni-ketut', 'tenun-ikat-nusa-penida'] },
  { collection: 'Kopi Kintamani', note: 'Arabika dataran tinggi Kintamani, Indikasi Geografis.', slugs: ['kopi-arabika-kintamani'] },
  { collection: 'Perak Celuk', note: 'Perhiasan perak buatan tangan dari Desa Celuk.', slugs: ['perak-celuk-ketut-suarta', 'perak-celuk-dewi'] },
];

const ASSESSMENTS: Array<{ slug: string; scores: KurasiScores; feedback: { id: string; en: string } }> = [
  {
    slug: 'kopi-arabika-kintamani',
    scores: { legality: 5, productQuality: 5, packagingLabelling: 4, capacityContinuity: 4, marketReach: 4, uniqueness: 5 },
    feedback: { id: 'Mutu kopi sangat baik. Cantumkan tanggal sangrai di label.', en: 'Excellent coffee. Print the roast date on the label.' },
  },
  {
    slug: 'perak-celuk-dewi',
    scores: { legality: 2, productQuality: 4, packagingLabelling: 2, capacityContinuity: 3, marketReach: 2, uniqueness: 5 },
    feedback: { id: 'Desain khas Celuk. Urus NIB dan perbaiki kemasan agar siap dijual daring.', en: 'Distinctive Celuk designs. Get an NIB and improve the packaging for online sales.' },
  },
  {
    slug: 'songket-gelgel-ni-ketut',
    scores: { legality: 4, productQuality: 5, packagingLabelling: 3, capacityContinuity: 3, marketReach: 3, uniqueness: 5 },
    feedback: { id: 'Songket berkualitas tinggi. Tambahkan kartu cerita motif dan petunjuk perawatan.', en: 'High-quality songket. Add a motif story card and care instructions.' },
  },
];

/** Demo curation (order 70, after sellers): featured collections, a few kurasi grades and their audit entries. */
@Injectable()
export class DemoCurationSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly users: UsersService,
  ) {}

  @DemoSeeder(70)
  async seed(): Promise<void> {
    const curator = await this.users.findByEmail(DEMO_ACCOUNTS.find((a) => a.role === 'curator' && !a.regency)!.email);
    const slugs = [...COLLECTIONS.flatMap((c) => c.slugs), ...ASSESSMENTS.map((a) => a.slug)];
    const rows: Array<{ slug: string; id: string; regency: string }> = await this.dataSource.query(`SELECT slug, id, regency FROM sellers_public_v WHERE slug = ANY($1::text[])`, [slugs]);
    const sellers = new Map(rows.map((s) => [s.slug, s.id]));
    const regencies = new Map(rows.map((s) => [s.id, s.regency]));
    const actorId = curator?.id ?? null;
    const startsAt = new Date(Date.now() - 7 * 86400_000);
    const endsAt = new Date(Date.now() + 90 * 86400_000);
    await this.dataSource.transaction(async (manager) => {
      for (const { collection, note, slugs: members } of COLLECTIONS) {
        for (const sellerId of members.map((slug) => sellers.get(slug)).filter((id): id is string => !!id)) {
          if (await manager.exists(FeaturedSeller, { where: { sellerId, collection } })) continue;
          const featured = await manager.save(manager.create(FeaturedSeller, { sellerId, collection, note, startsAt, endsAt, createdBy: actorId }));
          await this.audit.record(manager, {
            actorId,
            action: 'featured.create',
            subjectType: 'featured_seller',
            subjectId: featured.id,
            reason: note,
            data: { sellerId, collection, startsAt, endsAt },
            regency: regencies.get(sellerId)!,
          });
        }
      }
      for (const { slug, scores, feedback } of ASSESSMENTS) {
        const sellerId = sellers.get(slug);
        if (!sellerId || (await manager.exists(CurationAssessment, { where: { sellerId } }))) continue;
        const { total, grade } = gradeOf(scores);
        const assessment = await manager.save(manager.create(CurationAssessment, { sellerId, curatorId: actorId, ...scores, total, grade, feedback }));
        await this.audit.record(manager, {
          actorId,
          action: 'assessment.create',
          subjectType: 'seller',
          subjectId: sellerId,
          reason: feedback.id,
          data: { assessmentId: assessment.id, grade, total, scores },
          regency: regencies.get(sellerId)!,
        });
      }
    });
  }
}

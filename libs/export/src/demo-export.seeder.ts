import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toUserView, UsersService, type SignedInUser } from '#libs/identity';
import { DemoSeeder } from '#libs/platform';
import type { ExportProfileDto } from './export.dto.js';
import { ExportProfile } from './export-profile.entity.js';
import { RfqsService } from './rfqs.service.js';

type Profile = Required<Omit<ExportProfileDto, 'portOfLoading' | 'samplePolicy'>> & Pick<ExportProfile, 'portOfLoading' | 'samplePolicy'>;

/** From export-active to just starting; the first demo sellers get these in order. */
const PROFILES: Profile[] = [
  {
    exportExperience: 'direct',
    targetMarkets: ['AU', 'EU', 'JP'],
    productionCapacityPerMonth: 2000,
    hasExportPlan: true,
    exportStaff: 2,
    paymentTermsAccepted: ['TT', 'LC'],
    portOfLoading: 'benoa',
    samplePolicy: 'paid',
    privateLabel: true,
    oem: true,
  },
  {
    exportExperience: 'indirect',
    targetMarkets: ['AU', 'US'],
    productionCapacityPerMonth: 1500,
    hasExportPlan: true,
    exportStaff: 1,
    paymentTermsAccepted: ['TT'],
    portOfLoading: 'ngurah_rai_air_cargo',
    samplePolicy: 'free',
    privateLabel: false,
    oem: true,
  },
  {
    exportExperience: 'indirect',
    targetMarkets: ['EU', 'SG'],
    productionCapacityPerMonth: 1000,
    hasExportPlan: true,
    exportStaff: 1,
    paymentTermsAccepted: ['TT', 'DP'],
    portOfLoading: 'tanjung_perak',
    samplePolicy: 'paid',
    privateLabel: true,
    oem: false,
  },
  {
    exportExperience: 'none',
    targetMarkets: ['JP'],
    productionCapacityPerMonth: 300,
    hasExportPlan: false,
    exportStaff: 0,
    paymentTermsAccepted: ['TT'],
    portOfLoading: null,
    samplePolicy: null,
    privateLabel: false,
    oem: false,
  },
  {
    exportExperience: 'none',
    targetMarkets: [],
    productionCapacityPerMonth: 100,
    hasExportPlan: false,
    exportStaff: 0,
    paymentTermsAccepted: [],
    portOfLoading: null,
    samplePolicy: null,
    privateLabel: false,
    oem: false,
  },
];

const BUYER_EMAIL = 'buyer@demo.pasarkerthi.id';

/**
 * Demo export data (order 60, after sellers, catalogue and commerce): export profiles for
 * the first demo sellers, and RFQs from the overseas demo buyer — one quoted and accepted
 * (an order awaiting payment), one quoted, one still open. Skips when profiles exist.
 */
@Injectable()
export class DemoExportSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rfqs: RfqsService,
    private readonly users: UsersService,
  ) {}

  @DemoSeeder(60)
  async seed(): Promise<void> {
    if (await this.dataSource.getRepository(ExportProfile).exists()) return;
    // Formal sellers (approved NIB and NPWP) first: they are the ones a profile can make ready.
    const sellers: Array<{ id: string; owner_id: string }> = await this.dataSource.query(
      `SELECT s.id, s.owner_id FROM sellers_public_v s WHERE s.suspended_at IS NULL
       ORDER BY (SELECT count(DISTINCT d.type) FROM sellers_documents_v d WHERE d.seller_id = s.id AND d.status = 'approved' AND d.type IN ('NIB', 'NPWP')) DESC, s.created_at, s.id
       LIMIT $1`,
      [PROFILES.length],
    );
    for (const [index, seller] of sellers.entries()) {
      await this.dataSource.getRepository(ExportProfile).insert({ sellerId: seller.id, ...PROFILES[index]! });
    }
    const buyerRow = await this.users.findByEmail(BUYER_EMAIL);
    if (!buyerRow) return;
    const buyer: SignedInUser = toUserView(buyerRow);
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    for (const [index, seller] of sellers.slice(0, 3).entries()) {
      const [product]: Array<{ id: string; price_amount: string; stock: number }> = await this.dataSource.query(
        `SELECT id, price_amount, stock FROM catalogue_products_v p WHERE seller_id = $1 AND status = 'active' AND stock >= 5
           AND NOT EXISTS (SELECT 1 FROM catalogue_product_variants_v v WHERE v.product_id = p.id)
         ORDER BY created_at, id LIMIT 1`,
        [seller.id],
      );
      if (!product) continue;
      const { id: rfqId } = await this.rfqs.create(buyer, {
        productId: product.id,
        quantity: index === 0 ? 5 : 200,
        destinationCountry: 'AU',
        incoterm: index === 1 ? 'FCA' : 'FOB',
        message: 'Hello from Melbourne! We run a homewares shop and would like a wholesale price for this piece, packed for export.',
      });
      if (index === 2) continue;
      const ownerRow = await this.users.findById(seller.owner_id);
      const { id: quoteId } = await this.rfqs.quote(toUserView(ownerRow!), rfqId, {
        unitPrice: { amount: Math.round((Number(product.price_amount) * 0.8) / 100) * 100, currency: 'IDR' },
        leadTimeDays: 30,
        validUntil,
        incoterm: index === 1 ? 'FCA' : 'FOB',
        notes: 'Price per unit, export packing included.',
      });
      if (index === 0) {
        await this.rfqs.accept(buyer, quoteId, {
          shippingAddress: { name: buyer.name, line1: '12 Chapel Street', city: 'Melbourne', region: 'VIC', postalCode: '3181', country: 'AU' },
        });
      }
    }
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ProductsService } from '#libs/catalogue';
import { PageSlots, ViewService } from '#libs/platform';
import { isMarketCode } from './countries.js';
import { exportRequirements, type ExportDocument } from './export-documents.js';

/** Goods without an HS code yet still need what every export needs (exportRequirements' first documents). */
const ANY_GOODS = '9999';

/**
 * Fills commerce's order page, for an order shipped abroad, with the documents its destination and
 * goods call for (export-documents.ts, the same rules as GET /export/requirements): one list for the
 * whole order, each document once.
 */
@Injectable()
export class ExportDocumentSlots implements OnModuleInit {
  constructor(
    private readonly slots: PageSlots,
    private readonly views: ViewService,
    private readonly products: ProductsService,
  ) {}

  onModuleInit(): void {
    this.slots.register('order.export-documents', async ({ destination, productIds, lang }) => {
      if (destination === 'ID' || !isMarketCode(destination)) return { html: '' };
      const products = await this.products.findByIds(productIds);
      const hsCodes = [...new Set(products.map((p) => p.hsCode?.replace(/\./g, '') ?? ''))].map((hs) => (/^\d{4,10}$/.test(hs) ? hs : ANY_GOODS));
      const documents = new Map<string, ExportDocument>();
      for (const hsCode of hsCodes) for (const document of exportRequirements({ hsCode, destination })) if (!documents.has(document.key)) documents.set(document.key, document);
      const missingHsCode = hsCodes.includes(ANY_GOODS);
      return { html: this.views.render('export/slots/order-documents', { lang, destination, documents: [...documents.values()], missingHsCode }) };
    });
  }
}

import type { Money } from '#libs/platform';
import { invalid, type FieldError } from '#libs/platform';

/** The eleven Incoterms 2020 rules. */
export const INCOTERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;

/** Wholesale terms for overseas buyers (API.md `ExportListing`), stored as jsonb on the product. */
export interface ExportListing {
  moq: number;
  priceTiers: Array<{ minQty: number; price: Money }>;
  leadTimeDays: number;
  capacityPerMonth: number;
  incoterms: string[];
  portOfLoading?: string;
  packaging?: string;
  sampleAvailable?: boolean;
}

/**
 * Rules class-validator cannot express: buying more never costs more per unit, and tiers
 * have distinct minimum quantities. Errors name the tier as given (`export.priceTiers[2].price`).
 */
export function assertExportTiers(listing: ExportListing, path = 'export'): void {
  const errors: FieldError[] = [];
  const tiers = listing.priceTiers.map((tier, index) => ({ ...tier, index })).sort((a, b) => a.minQty - b.minQty);
  for (let i = 1; i < tiers.length; i++) {
    const previous = tiers[i - 1]!;
    const tier = tiers[i]!;
    if (tier.minQty === previous.minQty) {
      errors.push({ field: `${path}.priceTiers[${tier.index}].minQty`, message: 'two tiers have the same minimum quantity' });
    } else if (tier.price.amount > previous.price.amount) {
      errors.push({ field: `${path}.priceTiers[${tier.index}].price`, message: `must not be higher than the price for fewer units (tier from ${previous.minQty})` });
    }
  }
  if (tiers.length && tiers[0]!.minQty < listing.moq) {
    errors.push({ field: `${path}.priceTiers[${tiers[0]!.index}].minQty`, message: 'must be at least the minimum order quantity (moq)' });
  }
  if (errors.length) throw invalid(errors[0]!.field, errors[0]!.message, errors.slice(1));
}

/** One kind of item in a parcel: its weight and, when known, its packed size. */
export interface ParcelItem {
  weightGrams: number;
  lengthCm?: number;
  widthCm?: number;
  heightCm?: number;
  quantity: number;
}

/** Couriers' volumetric divisors (cm³ per kg): domestic services use 6000, international express and EMS 5000. */
export const VOLUMETRIC_DIVISOR = { domestic: 6000, international: 5000 } as const;

/**
 * The weight a courier charges for: each item at the larger of its actual and volumetric
 * (L×W×H / divisor) weight (an item without all three sizes by its weight alone, not as if it took
 * no room), summed and rounded up to whole kilograms, at least one.
 */
export function chargedWeightGrams(items: readonly ParcelItem[], international: boolean): number {
  const divisor = international ? VOLUMETRIC_DIVISOR.international : VOLUMETRIC_DIVISOR.domestic;
  const grams = items.reduce((sum, item) => {
    const volumetric = item.lengthCm && item.widthCm && item.heightCm ? (item.lengthCm * item.widthCm * item.heightCm * 1000) / divisor : 0;
    return sum + Math.max(item.weightGrams, volumetric) * item.quantity;
  }, 0);
  return Math.max(1, Math.ceil(grams / 1000)) * 1000;
}

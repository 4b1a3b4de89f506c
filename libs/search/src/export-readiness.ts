/** What a product needs before overseas buyers see it as export-ready (one rule, easy to refine). */
export interface ExportReadinessInput {
  hsCode: string | null;
  weightGrams: number | null;
  titleEn: string | null;
  descriptionEn: string | null;
  export: { moq?: number; incoterms?: string[] } | null;
  /** The seller holds an approved NIB (business identification number). */
  sellerHasNib: boolean;
}

export function isExportReady(product: ExportReadinessInput): boolean {
  return (
    !!product.hsCode &&
    !!product.weightGrams &&
    !!product.titleEn?.trim() &&
    !!product.descriptionEn?.trim() &&
    !!product.export?.moq &&
    (product.export.incoterms?.length ?? 0) > 0 &&
    product.sellerHasNib
  );
}

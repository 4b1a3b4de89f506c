export { ExportModule } from './export.module.js';
export { ExportHttpModule } from './export-http.module.js';
export { ExportReadinessService, type RegencyReadiness } from './export-readiness.service.js';
export { isProductExportReady, type ProductReadinessInput } from './product-export-readiness.js';
export { exportRequirements, EXPORT_DOCUMENTS, type ExportDocument } from './export-documents.js';
export { READINESS_ITEMS, DIMENSIONS, type ReadinessLevel } from './readiness-model.js';
export type { ReadinessAssessment } from './readiness-score.js';

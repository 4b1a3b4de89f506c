import './messages.js';

export { SellersModule } from './sellers.module.js';
export { SellersHttpModule } from './sellers-http.module.js';
export { SellersService } from './sellers.service.js';
export { SellerAccess } from './seller-access.service.js';
export { StorefrontLinks } from './storefront-links.repository.js';
export { SellerDocumentsService, type DocumentView } from './documents/seller-documents.service.js';
export { CooperativesService, type CooperativeView } from './cooperatives/cooperatives.service.js';
export { Seller, BUSINESS_FORMS, type BusinessForm, type ShipFrom } from './seller.entity.js';
export { Cooperative } from './cooperatives/cooperative.entity.js';
export { SellerDocument, DOCUMENT_TYPES, DOCUMENT_STATUSES, type DocumentType, type DocumentStatus } from './documents/seller-document.entity.js';
export { verificationOf, effectiveStatus, FORMALISATION_LEVELS, type FormalisationLevel, type Verification } from './documents/verification.js';
export { toPublicView, whatsappUrl, type PublicSellerView, type ManagedSellerView } from './seller-view.js';
export { DEMO_SELLER_SLUGS } from './demo-sellers.js';
export { SellerChanged } from './sellers.events.js';

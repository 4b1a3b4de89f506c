export { SellersModule } from './sellers.module.js';
export { SellersService } from './sellers.service.js';
export { SellerAccess } from './seller-access.service.js';
export { Seller, BUSINESS_FORMS, type BusinessForm } from './seller.entity.js';
export { Cooperative } from './cooperative.entity.js';
export { SellerDocument, DOCUMENT_TYPES, DOCUMENT_STATUSES, type DocumentType, type DocumentStatus } from './seller-document.entity.js';

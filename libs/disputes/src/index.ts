export { DisputesModule } from './disputes.module.js';
export { DisputesHttpModule } from './disputes-http.module.js';
export { DisputesService, SELLER_RESPONSE_DAYS, DISPUTE_STATUSES, type DisputeStatus, type DisputeOutcome, type DisputeView } from './disputes.service.js';

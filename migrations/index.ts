import type { MixedList } from 'typeorm';
import { Foundation1764300000000 } from './1764300000000-foundation.js';
import { Sellers1764300100000 } from './1764300100000-sellers.js';
import { Catalogue1764300200000 } from './1764300200000-catalogue.js';
import { MediaUploaders1764300210000 } from './1764300210000-media-uploaders.js';
import { ExchangeRates1764300300000 } from './1764300300000-exchange-rates.js';
import { Storefronts1764300400000 } from './1764300400000-storefronts.js';
import { Commerce1764300500000 } from './1764300500000-commerce.js';
import { PaymentRefunds1764300510000 } from './1764300510000-payment-refunds.js';
import { OrderPayBy1764300520000 } from './1764300520000-order-pay-by.js';
import { Export1764300600000 } from './1764300600000-export.js';
import { Curation1764300700000 } from './1764300700000-curation.js';
import { Reviews1764300800000 } from './1764300800000-reviews.js';
import { ReviewPhotos1764300810000 } from './1764300810000-review-photos.js';
import { SellerReputationScores1764300820000 } from './1764300820000-seller-reputation-scores.js';
import { StorefrontChangeNotices1764300900000 } from './1764300900000-storefront-change-notices.js';
import { CooperativeInvitations1796612037655 } from './1796612037655-cooperative-invitations.js';
import { RateLimits1796612113145 } from './1796612113145-rate-limits.js';
import { PublicReadViews1796613557015 } from './1796613557015-public-read-views.js';
import { JobsOnGraphileWorker1796613657969 } from './1796613657969-jobs-on-graphile-worker.js';
import { Ledger1796613904172 } from './1796613904172-ledger.js';
import { Disputes1796616012005 } from './1796616012005-disputes.js';
import { Payouts1796616200000 } from './1796616200000-payouts.js';
import { OrderRefunds1796617932533 } from './1796617932533-order-refunds.js';
import { LedgerSettledSalesView1796622009987 } from './1796622009987-ledger-settled-sales-view.js';
import { SellerShipFrom1796622054020 } from './1796622054020-seller-ship-from.js';
import { ParcelSizesMadeToOrder1796622054038 } from './1796622054038-parcel-sizes-made-to-order.js';
import { CourierShipping1796622054056 } from './1796622054056-courier-shipping.js';
import { XenditPayments1796622064569 } from './1796622064569-xendit-payments.js';
import { MfaAndAccountClosure1796622076796 } from './1796622076796-mfa-and-account-closure.js';
import { AccountEmailsSessions1796622082417 } from './1796622082417-account-emails-sessions.js';
import { SessionNotices1796632867549 } from './1796632867549-session-notices.js';

/** Every migration, in order. Add new ones at the end. */
// TypeORM's own type for a list of migration classes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const migrations: MixedList<Function> = [
  Foundation1764300000000,
  Sellers1764300100000,
  Catalogue1764300200000,
  MediaUploaders1764300210000,
  ExchangeRates1764300300000,
  Storefronts1764300400000,
  Commerce1764300500000,
  PaymentRefunds1764300510000,
  OrderPayBy1764300520000,
  Export1764300600000,
  Curation1764300700000,
  Reviews1764300800000,
  ReviewPhotos1764300810000,
  SellerReputationScores1764300820000,
  StorefrontChangeNotices1764300900000,
  CooperativeInvitations1796612037655,
  RateLimits1796612113145,
  PublicReadViews1796613557015,
  JobsOnGraphileWorker1796613657969,
  Ledger1796613904172,
  Disputes1796616012005,
  Payouts1796616200000,
  OrderRefunds1796617932533,
  LedgerSettledSalesView1796622009987,
  SellerShipFrom1796622054020,
  ParcelSizesMadeToOrder1796622054038,
  CourierShipping1796622054056,
  XenditPayments1796622064569,
  MfaAndAccountClosure1796622076796,
  AccountEmailsSessions1796622082417,
  SessionNotices1796632867549,
];

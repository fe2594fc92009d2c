import type { Client } from '@temporalio/client';
import type { ErpOrm } from '../erp/orm';
import type { Logger } from '../platform/logger';
import type { RetryPolicy } from '../shopify/retry-policy';
import type { OrderTimings } from '../workflows/order-timings';

/** What every activity may use; built once per worker process and closed over. */
export interface ActivityDeps {
  orm: ErpOrm;
  logger: Logger;
  /** Starts and signals order workflows from the sync activities. */
  temporalClient: Client;
  /** Task queue the order workflows run on. */
  taskQueue: string;
  /** Waits of the order workflows this worker starts (tests use seconds). */
  orderTimings?: OrderTimings;
  /** Where a store's Admin API lives when it is not https://<domain> (the local simulator). */
  shopifyBaseUrl?: (shopDomain: string) => string | undefined;
  /** Retry policy of the Shopify client (tests use short delays). */
  shopifyRetry?: Partial<RetryPolicy>;
  /**
   * How long after a fulfillmentCreate whose answer was lost the shipment may send it again (when
   * Shopify shows no fulfillment it made). Default 60 s; tests use less.
   */
  shipmentResendAfterMs?: number;
  /**
   * Called right after an activity's side effect is committed and before its result is returned:
   * the exactly-once tests fail or kill the worker here. Never set in production.
   */
  afterSideEffect?: (activity: string, key: string) => Promise<void> | void;
  /** Called after Shopify issued a token and before it is saved (crash tests). Never set in production. */
  afterTokenIssued?: (shopCode: string) => Promise<void> | void;
}

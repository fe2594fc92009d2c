import type { FinancialStatus, FulfillmentStatus, RiskLevel } from './order-snapshot';

/** A shop card's order sync filters (SPEC §3). Empty lists mean "any". */
export interface OrderSyncFilters {
  financialStatuses?: FinancialStatus[];
  fulfillmentStatuses?: FulfillmentStatus[];
  riskLevels?: RiskLevel[];
  /** Channel handles/names to include, e.g. ["pos"]. */
  channels?: string[];
  /** Channel handles/names to leave out, e.g. ["pos"] on the web shop card. */
  excludedChannels?: string[];
  sourceNames?: string[];
  excludedSourceNames?: string[];
  /** A tag filter expression: see `parseTagFilter`. */
  tagFilter?: string;
}

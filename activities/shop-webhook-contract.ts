import type { PrivacyTopic } from '../erp/entities/privacy-request';

/** What the shop-level webhook activities take and give back. Types only: workflows import it. */

export interface AppUninstalledInput {
  shopDomain: string;
  /** When the receiver got it (X-Shopify-Triggered-At if sent), ISO 8601. */
  uninstalledAt: string;
}

export interface AppUninstalledReport {
  disabledShopCodes: string[];
  pausedScheduleIds: string[];
}

export interface PrivacyRequestInput {
  shopDomain: string;
  eventId: string;
  topic: PrivacyTopic;
  /** Customer GID (customers/* topics). */
  shopifyCustomerId?: string;
  /** Order GIDs Shopify names in the request. */
  shopifyOrderIds: string[];
}

/** Ids and counts only: what the request found or removed is in privacy_request.outcome. */
export interface PrivacyRequestReport {
  privacyRequestId: number;
  counts: Record<string, number>;
}

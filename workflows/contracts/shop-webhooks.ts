import type { PrivacyTopic } from '../../domain/webhook-doorbell';

/** What the shop-level webhook workflows ask of activities. Types only; activities/ implements it. */

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

export interface ShopWebhookActivities {
  disableShopCardsOfStore(input: { shopDomain: string; reason: string }): Promise<string[]>;
  pauseShopSyncSchedules(input: { shopCodes: string[]; note: string }): Promise<string[]>;
  handlePrivacyRequest(input: PrivacyRequestInput): Promise<PrivacyRequestReport>;
}

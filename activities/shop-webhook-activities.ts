import {
  completePrivacyRequest,
  customerDataHeld,
  recordPrivacyRequest,
  redactCustomerOrders,
  removeShopData,
} from '../erp/services/privacy';
import { disableShopCardsOfStore } from '../erp/services/webhooks';
import { pauseSyncSchedules } from '../temporal/pause-sync-schedules';
import type { ActivityDeps } from './deps';
import type {
  PrivacyRequestInput,
  PrivacyRequestReport,
  ShopWebhookActivities,
} from '../workflows/contracts/shop-webhooks';

/** Activities of the shop-level webhooks: app/uninstalled and the privacy topics. */
export function createShopWebhookActivities({ orm, temporalClient }: ActivityDeps): ShopWebhookActivities {
  return {
    disableShopCardsOfStore(input: { shopDomain: string; reason: string }): Promise<string[]> {
      return disableShopCardsOfStore(orm, input.shopDomain, input.reason);
    },

    pauseShopSyncSchedules(input: { shopCodes: string[]; note: string }): Promise<string[]> {
      return pauseSyncSchedules(temporalClient, input.shopCodes, input.note);
    },

    /** Records the request, does it and stores the outcome; every step is safe to repeat. */
    async handlePrivacyRequest(input: PrivacyRequestInput): Promise<PrivacyRequestReport> {
      const privacyRequestId = await recordPrivacyRequest(orm, {
        shopDomain: input.shopDomain,
        eventId: input.eventId,
        topic: input.topic,
        shopifyCustomerId: input.shopifyCustomerId ?? null,
      });
      let outcome: Record<string, unknown>;
      let counts: Record<string, number>;
      if (input.topic === 'shop/redact') {
        const removed = await removeShopData(orm, input.shopDomain);
        outcome = { removed };
        counts = { ...removed };
      } else if (input.topic === 'customers/redact') {
        const redacted = await redactCustomerOrders(
          orm,
          input.shopDomain,
          input.shopifyCustomerId!,
          input.shopifyOrderIds,
        );
        outcome = { redacted };
        counts = { ...redacted };
      } else {
        const held = await customerDataHeld(
          orm,
          input.shopDomain,
          input.shopifyCustomerId!,
          input.shopifyOrderIds,
        );
        outcome = { held };
        counts = {
          importedOrders: held.importedOrders.length,
          customers: held.customers.length,
          salesDocuments: held.salesDocuments.length,
          postedInvoices: held.postedInvoices.length,
        };
      }
      await completePrivacyRequest(orm, privacyRequestId, outcome);
      return { privacyRequestId, counts };
    },
  };
}

import type { WebhookShopCard } from '../../../domain/webhook-routing';
import { entityManagerOf, type ErpContext } from '../shared/context';

/** The shop cards of a store, disabled ones too (privacy requests arrive after an uninstall). */
export async function webhookShopCardsOf(
  context: ErpContext,
  shopDomain: string,
): Promise<WebhookShopCard[]> {
  const rows = await entityManagerOf(context).execute<
    { code: string; enabled: boolean; order_sync_filters: Record<string, unknown> }[]
  >('select code, enabled, order_sync_filters from shop_card where shop_domain = ? order by code', [
    shopDomain,
  ]);
  return rows.map((row) => ({
    code: row.code,
    enabled: row.enabled,
    hasOrderSyncFilters: Object.keys(row.order_sync_filters ?? {}).length > 0,
  }));
}

/** The shop card that imported or claimed the order, if any did. */
export async function shopCardOwningOrder(
  context: ErpContext,
  store: string,
  shopifyOrderId: string,
): Promise<string | undefined> {
  const rows = await entityManagerOf(context).execute<{ shop_code: string }[]>(
    `select shop_code from imported_order where store = ? and shopify_order_id = ?
     union all
     select claimed_by_shop_code from order_to_import
      where store = ? and shopify_order_id = ? and claimed_by_shop_code is not null
     limit 1`,
    [store, shopifyOrderId, store, shopifyOrderId],
  );
  return rows[0]?.shop_code;
}

/** Disables every shop card of the store with the reason shown; returns their codes (a retry too). */
export async function disableShopCardsOfStore(
  context: ErpContext,
  shopDomain: string,
  reason: string,
): Promise<string[]> {
  const rows = await entityManagerOf(context).execute<{ code: string }[]>(
    `update shop_card set enabled = false, disabled_reason = ?, updated_at = now()
      where shop_domain = ? returning code`,
    [reason, shopDomain],
  );
  return rows.map((row) => row.code).sort();
}

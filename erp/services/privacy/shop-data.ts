import { inTransaction, type ErpContext } from '../shared/context';

export interface ShopDataRemoved {
  importedOrders: number;
  ordersToImport: number;
  customerLinks: number;
  variantLinks: number;
}

/**
 * shop/redact: removes what was imported from the store (orders with their lines, refunds,
 * fulfillments and transactions, stage-1 rows, Shopify id links). The ERP's own documents stay,
 * no longer linked to an imported copy; shop cards stay (disabled since the uninstall).
 */
export async function removeShopData(context: ErpContext, shopDomain: string): Promise<ShopDataRemoved> {
  return inTransaction(context, async (em) => {
    const count = async (sql: string) => (await em.execute<{ id: unknown }[]>(sql, [shopDomain])).length;
    return {
      importedOrders: await count('delete from imported_order where store = ? returning id'),
      ordersToImport: await count('delete from order_to_import where store = ? returning id'),
      customerLinks: await count('delete from shopify_customer_link where store = ? returning id'),
      variantLinks: await count('delete from shopify_variant_link where store = ? returning id'),
      webhookEvents: await count(
        'delete from webhook_delivery where shop_domain = ? returning event_id as id',
      ),
    };
  });
}

import { ShipmentMethod, ShipmentMethodMapping } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';

export interface ShipmentMethodMappingView {
  shopifyMethodName: string;
  shipmentMethodCode: string | null;
}

/** Records the shipping method names a store uses (SPEC §2): new ones get an empty row to fill in. */
export async function recordShopifyShipmentMethods(
  context: ErpContext,
  shopCode: string,
  methodNames: readonly string[],
): Promise<{ added: number }> {
  return inTransaction(context, async (em) => {
    const known = new Set(
      (await em.find(ShipmentMethodMapping, { shopCode })).map((mapping) => mapping.shopifyMethodName),
    );
    const fresh = [
      ...new Set(methodNames.map((name) => name.trim()).filter((name) => name && !known.has(name))),
    ];
    for (const shopifyMethodName of fresh)
      em.create(ShipmentMethodMapping, { shopCode, shopifyMethodName, shipmentMethodCode: null });
    await em.flush();
    return { added: fresh.length };
  });
}

export async function setShipmentMethodMapping(
  context: ErpContext,
  shopCode: string,
  shopifyMethodName: string,
  shipmentMethodCode: string | null,
): Promise<ShipmentMethodMappingView> {
  return inTransaction(context, async (em) => {
    if (shipmentMethodCode && !(await em.findOne(ShipmentMethod, shipmentMethodCode))) {
      throw new Error(`Shipment method ${shipmentMethodCode} does not exist in the ERP: check the code`);
    }
    await em.upsert(
      ShipmentMethodMapping,
      { shopCode, shopifyMethodName, shipmentMethodCode },
      {
        onConflictFields: ['shopCode', 'shopifyMethodName'],
        onConflictAction: 'merge',
        onConflictMergeFields: ['shipmentMethodCode'],
      },
    );
    return { shopifyMethodName, shipmentMethodCode };
  });
}

export async function listShipmentMethodMappings(
  context: ErpContext,
  shopCode: string,
): Promise<ShipmentMethodMappingView[]> {
  return inTransaction(context, async (em) =>
    (await em.find(ShipmentMethodMapping, { shopCode }, { orderBy: { shopifyMethodName: 'asc' } })).map(
      (mapping) => ({
        shopifyMethodName: mapping.shopifyMethodName,
        shipmentMethodCode: mapping.shipmentMethodCode ?? null,
      }),
    ),
  );
}

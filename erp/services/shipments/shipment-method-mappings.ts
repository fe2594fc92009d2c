import { ShipmentMethod, ShipmentMethodMapping, ShippingAgent } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';

export interface ShipmentMethodMappingView {
  shopifyMethodName: string;
  shipmentMethodCode: string | null;
  shippingAgentCode: string | null;
  shippingAgentServiceCode: string | null;
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
    const mapping = await em.findOneOrFail(ShipmentMethodMapping, { shopCode, shopifyMethodName });
    return viewOf(mapping);
  });
}

function viewOf(mapping: ShipmentMethodMapping): ShipmentMethodMappingView {
  return {
    shopifyMethodName: mapping.shopifyMethodName,
    shipmentMethodCode: mapping.shipmentMethodCode ?? null,
    shippingAgentCode: mapping.shippingAgentCode ?? null,
    shippingAgentServiceCode: mapping.shippingAgentServiceCode ?? null,
  };
}

/**
 * Names the shipping agent (and its service) of a mapped Shopify shipping method; documents made
 * from then on carry them. A null agent clears both.
 */
export async function setShipmentMethodAgent(
  context: ErpContext,
  shopCode: string,
  shopifyMethodName: string,
  agentCode: string | null,
  serviceCode: string | null,
): Promise<ShipmentMethodMappingView> {
  return inTransaction(context, async (em) => {
    const mapping = await em.findOne(ShipmentMethodMapping, { shopCode, shopifyMethodName });
    if (!mapping)
      throw new Error(
        `Shop ${shopCode} has no shipping method '${shopifyMethodName}': map it first with --set "${shopifyMethodName}=<CODE>"`,
      );
    if (agentCode && !(await em.findOne(ShippingAgent, agentCode)))
      throw new Error(
        `Shipping agent ${agentCode} does not exist: add it with \`orderbridge shipping-agent add ${agentCode}\``,
      );
    if (serviceCode && serviceCode.length > 10)
      throw new Error(`Shipping agent service '${serviceCode}': at most 10 characters`);
    em.assign(mapping, {
      shippingAgentCode: agentCode,
      shippingAgentServiceCode: agentCode ? serviceCode : null,
    });
    await em.flush();
    return viewOf(mapping);
  });
}

export async function listShipmentMethodMappings(
  context: ErpContext,
  shopCode: string,
): Promise<ShipmentMethodMappingView[]> {
  return inTransaction(context, async (em) =>
    (await em.find(ShipmentMethodMapping, { shopCode }, { orderBy: { shopifyMethodName: 'asc' } })).map(
      viewOf,
    ),
  );
}

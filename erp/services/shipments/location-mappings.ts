import type { EntityManager } from '@mikro-orm/postgresql';
import type { LocationCodes } from '../../../domain/fulfillment-locations';
import { Location, LocationMapping } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { ErpConfig } from '../settings/erp-config';

export interface LocationMappingView {
  shopifyLocationId: string;
  shopifyLocationName: string;
  locationCode: string | null;
}

/** Records a store's Shopify locations (SPEC §2): new ones get an empty row, known ones their new name. */
export async function recordShopifyLocations(
  context: ErpContext,
  shopCode: string,
  locations: readonly { shopifyLocationId: string; name: string }[],
): Promise<{ added: number }> {
  return inTransaction(context, async (em) => {
    const known = new Map(
      (await em.find(LocationMapping, { shopCode })).map((row) => [row.shopifyLocationId, row]),
    );
    let added = 0;
    for (const location of locations) {
      const row = known.get(location.shopifyLocationId);
      if (row) row.shopifyLocationName = location.name;
      else {
        em.create(LocationMapping, {
          shopCode,
          shopifyLocationId: location.shopifyLocationId,
          shopifyLocationName: location.name,
          locationCode: null,
        });
        added++;
      }
    }
    await em.flush();
    return { added };
  });
}

/**
 * A shop card's location mapping (Shopify location GID → ERP location code) as mapping sees it,
 * from the process's configuration cache, which only checks the configuration version while it
 * holds, so the order import can ask for it per order.
 */
export async function shopLocationCodes(em: EntityManager, shopCode: string): Promise<LocationCodes> {
  return (await ErpConfig.read(em)).locationCodes(shopCode);
}

/** What an imported order's stored fulfillment orders say of where its lines ship from. */
export interface StoredFulfillmentPlacement {
  store: string;
  shopifyOrderId: string;
  shopCode: string;
  fulfillmentOrders: { assignedLocationId: string | null; linesRead: boolean }[];
}

/** The order's keys and, per stored fulfillment order, its location and whether its lines were read. */
export async function storedFulfillmentPlacement(
  em: EntityManager,
  importedOrderId: number,
): Promise<StoredFulfillmentPlacement | null> {
  const [row] = await em.execute<
    {
      store: string;
      shopify_order_id: string;
      shop_code: string;
      fulfillment_orders: StoredFulfillmentPlacement['fulfillmentOrders'];
    }[]
  >(
    `select o.store, o.shopify_order_id, o.shop_code,
            coalesce((select json_agg(json_build_object(
                        'assignedLocationId', f.assigned_location_id,
                        'linesRead', coalesce(jsonb_typeof(f.lines::jsonb), 'null') <> 'null'))
                        from imported_fulfillment_order f where f.order_id = o.id), '[]'::json)
              as fulfillment_orders
       from imported_order o
      where o.id = ?`,
    [importedOrderId],
  );
  return row
    ? {
        store: row.store,
        shopifyOrderId: row.shopify_order_id,
        shopCode: row.shop_code,
        fulfillmentOrders: row.fulfillment_orders,
      }
    : null;
}

export async function setLocationMapping(
  context: ErpContext,
  shopCode: string,
  shopifyLocationId: string,
  locationCode: string | null,
): Promise<LocationMappingView> {
  return inTransaction(context, async (em) => {
    const row = await em.findOne(LocationMapping, { shopCode, shopifyLocationId });
    if (!row)
      throw new Error(
        `Shopify location ${shopifyLocationId} is not known for shop card ${shopCode}: fetch the locations first`,
      );
    if (locationCode && !(await em.findOne(Location, locationCode))) {
      throw new Error(`Location ${locationCode} does not exist in the ERP: check the code`);
    }
    row.locationCode = locationCode;
    await em.flush();
    return { shopifyLocationId, shopifyLocationName: row.shopifyLocationName, locationCode };
  });
}

export async function listLocationMappings(
  context: ErpContext,
  shopCode: string,
): Promise<LocationMappingView[]> {
  return inTransaction(context, async (em) =>
    (await em.find(LocationMapping, { shopCode }, { orderBy: { shopifyLocationName: 'asc' } })).map(
      (row) => ({
        shopifyLocationId: row.shopifyLocationId,
        shopifyLocationName: row.shopifyLocationName,
        locationCode: row.locationCode ?? null,
      }),
    ),
  );
}

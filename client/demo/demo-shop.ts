import { sealedCredentialColumns } from '../../erp/services/credentials';
import { randomBytes } from 'node:crypto';
import { seedDemoShop } from '../../erp/demo-setup';
import { ShopCard } from '../../erp/entities';
import type { ErpOrm } from '../../erp/orm';
import { startShopifySimulator, type RunningSimulator } from '../../simulator';
import { generateStore, type GeneratedStore } from '../../simulator/generator/generate-store';

export const DEMO_SHOP_CODE = 'DEMO';

const ERP_LOCATION_BY_ROLE = { warehouse: 'MAIN', retail: 'STORE', thirdParty: '3PL' } as const;

/** Shipping method titles the generator uses, and the ERP shipment method each maps to (one left unmapped on purpose). */
const DEMO_SHIPMENT_METHODS = [
  { shopifyMethodName: 'Standard Shipping', shipmentMethodCode: 'STD' },
  { shopifyMethodName: 'Express Shipping', shipmentMethodCode: 'EXPRESS' },
  { shopifyMethodName: 'DHL Parcel', shipmentMethodCode: 'STD' },
  { shopifyMethodName: 'UPS Ground', shipmentMethodCode: 'STD' },
];

function defaultLocations(simulator: RunningSimulator) {
  const location = simulator.store.defaultLocation();
  return location ? [{ shopifyLocationId: location.id, name: location.name, locationCode: 'MAIN' }] : [];
}

export interface DemoShop {
  simulator: RunningSimulator;
  generated: GeneratedStore;
  shopCode: string;
}

/**
 * The demo's Shopify side: a simulated store on the real Admin schema, filled by the seeded
 * generator through real mutations, and a shop card with its mappings pointing at it. Each start
 * gets a store domain of its own, because the simulator keeps nothing and its order ids restart.
 */
export async function startDemoShop(
  orm: ErpOrm,
  options: {
    port: number;
    seed: number;
    orders: number;
    onProgress?: (created: number, total: number) => void;
  },
): Promise<DemoShop> {
  const simulator = await startShopifySimulator({
    port: options.port,
    shopDomain: `demo-${randomBytes(3).toString('hex')}.myshopify.com`,
    plan: 'advanced',
  });
  try {
    const generated = await generateStore(
      { graphqlUrl: simulator.graphqlUrl, accessToken: simulator.accessToken, seedApi: simulator.store },
      {
        seed: options.seed,
        orders: options.orders,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
    await seedDemoShop(orm, {
      shopDomain: simulator.shopDomain,
      shopCode: DEMO_SHOP_CODE,
      accessToken: simulator.accessToken,
      autoCreateOrders: true,
      itemMappingMode: 'sku_then_barcode',
      locations: [
        ...generated.locations.map((location) => ({
          shopifyLocationId: location.id,
          name: location.name,
          locationCode: ERP_LOCATION_BY_ROLE[location.role],
        })),
        // The store's first location, which Shopify assigns when an order names no other.
        ...defaultLocations(simulator),
      ],
      shipmentMethods: DEMO_SHIPMENT_METHODS,
      // Items by SKU, or by barcode where a variant has none; variants with neither stay unmapped,
      // so the demo also shows what an operator sees for an unmapped item.
      items: generated.variants
        .filter((variant) => !variant.giftCard && (variant.sku || variant.barcode))
        .map((variant) => ({
          no: (variant.sku ?? `BC-${variant.barcode}`).slice(0, 20),
          description: `${variant.productTitle} ${variant.title}`.slice(0, 100),
          ...(variant.barcode ? { barcode: variant.barcode } : {}),
        })),
    });
    // A restarted demo points the card at the new store and starts its sync from scratch.
    await orm.em.fork().nativeUpdate(
      ShopCard,
      { code: DEMO_SHOP_CODE },
      {
        shopDomain: simulator.shopDomain,
        ...sealedCredentialColumns({ kind: 'static_token', accessToken: simulator.accessToken }),
        lastOrderSyncAt: null,
        enabled: true,
      },
    );
    return { simulator, generated, shopCode: DEMO_SHOP_CODE };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}

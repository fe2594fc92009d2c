import { afterAll, beforeAll, inject } from 'vitest';
import { seedDemoShop } from '../../erp/demo-setup';
import type { ErpOrm } from '../../erp/orm';
import { createTestErp, type TestErp } from '../helpers/test-database';
import type { OrderSnapshot } from '../../domain/order-snapshot';
import {
  address,
  line,
  LOCATION_BERGEN,
  LOCATION_OSLO,
  snapshot,
} from '../unit/domain/order-snapshot-fixture';

export const STORE = 'erp-test.myshopify.com';
export const SHOP = 'WEB';

/** The demo set-up in NOK with Norwegian VAT, two mapped locations and a few items. */
export async function seedTestShop(orm: ErpOrm, overrides: Partial<Parameters<typeof seedDemoShop>[1]> = {}) {
  await seedDemoShop(orm, {
    shopDomain: STORE,
    shopCode: SHOP,
    lcyCode: 'NOK',
    autoCreateOrders: false,
    locations: [
      { shopifyLocationId: LOCATION_OSLO, name: 'Oslo', locationCode: 'OSLO' },
      { shopifyLocationId: LOCATION_BERGEN, name: 'Bergen', locationCode: 'BERGEN' },
    ],
    items: [
      { no: 'TSHIRT', description: 'T-shirt', variants: [{ code: 'M', sku: 'TSHIRT-M' }] },
      { no: 'CAP', description: 'Cap', barcode: '7090000000017' },
      { no: 'SKU-1', description: 'Product one' },
    ],
    ...overrides,
  });
}

/**
 * The test file's own database with the test shop seeded (and whatever `setUp` adds), made before
 * its tests and dropped after them. The holder reads the database made for this run of the file.
 */
export function useSeededTestErp(
  setUp?: (orm: ErpOrm) => Promise<void>,
): Pick<TestErp, 'orm' | 'databaseUrl'> {
  let erp: TestErp | undefined;
  beforeAll(async () => {
    erp = await createTestErp(inject('testRunId'));
    await seedTestShop(erp.orm);
    await setUp?.(erp.orm);
  });
  afterAll(async () => {
    await erp?.close();
  });
  const current = (): TestErp => {
    if (!erp) throw new Error('the test database is made in beforeAll: use it inside tests and hooks');
    return erp;
  };
  return {
    get orm() {
      return current().orm;
    },
    get databaseUrl() {
      return current().databaseUrl;
    },
  };
}

let nextOrderNumber = 5000;

/** A fresh order (its own id and name) based on the unit-test fixture; Norwegian VAT, NOK. */
export function newOrder(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  const number = nextOrderNumber++;
  return snapshot({
    shopifyOrderId: `gid://shopify/Order/${number}`,
    legacyResourceId: String(number),
    name: `#${number}`,
    number,
    email: `buyer${number}@example.com`,
    // Phones differ per order, so no order finds another test's customer by phone by accident.
    billingAddress: address({
      lastName: `Nordmann ${number}`,
      name: `Kari Nordmann ${number}`,
      phone: `+47 400 ${number}`,
    }),
    shippingAddress: address({
      lastName: `Nordmann ${number}`,
      name: `Kari Nordmann ${number}`,
      phone: `+47 400 ${number}`,
    }),
    customer: {
      shopifyCustomerId: `gid://shopify/Customer/${number}`,
      legacyResourceId: String(number),
      email: `buyer${number}@example.com`,
      phone: null,
      firstName: 'Kari',
      lastName: `Nordmann ${number}`,
    },
    ...overrides,
  });
}

export { line };

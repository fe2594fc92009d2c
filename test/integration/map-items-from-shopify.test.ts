import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerMapItemsFromShopifyCommand } from '../../client/commands/map-items-from-shopify';
import { seedDemoShop } from '../../erp/demo-setup';
import { Item, ItemVariant, ShopCard, ShopifyVariantLink } from '../../erp/entities';
import { startShopifySimulator, type RunningSimulator } from '../../simulator';
import { generateStore, type GeneratedStore } from '../../simulator/generator';
import { cliRunner } from '../helpers/cli-runner';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;
let simulator: RunningSimulator;
let store: GeneratedStore;

type Variant = GeneratedStore['variants'][number];

/** What the ERP is given for each Shopify variant, and so what mapping must make of it. */
interface Expectation {
  itemNo?: string;
  variantCode?: string | null;
  reason?: RegExp;
  /** A variant no item matches that --create-missing can make an item for (it has an SKU). */
  creatable?: boolean;
}

const expectations = new Map<string, Expectation>();

/**
 * Items for the generated catalogue: by SKU as item numbers and as item-variant SKUs, by barcode,
 * one SKU on two variants (ambiguous), and every tenth SKU left out.
 */
function planErpItems(variants: readonly Variant[]): { items: Item[]; itemVariants: ItemVariant[] } {
  const items: { no: string; description: string; barcode: string | null }[] = [];
  const itemVariants: { itemNo: string; code: string; description: string; sku: string }[] = [];
  variants.forEach((variant, index) => {
    if (variant.giftCard) return void expectations.set(variant.id, { reason: /^gift card/ });
    if (!variant.sku && !variant.barcode)
      return void expectations.set(variant.id, { reason: /^no SKU or barcode to match$/ });
    if (!variant.sku) {
      const no = `BC${index}`;
      items.push({ no, description: variant.productTitle, barcode: variant.barcode });
      return void expectations.set(variant.id, { itemNo: no, variantCode: null });
    }
    if (index % 10 === 0)
      return void expectations.set(variant.id, { reason: /^no item has SKU '.+'/, creatable: true });
    if (index % 10 === 1) {
      const no = `AMB${index}`;
      items.push({ no, description: variant.productTitle, barcode: null });
      for (const code of ['A', 'B'])
        itemVariants.push({ itemNo: no, code, description: code, sku: variant.sku });
      return void expectations.set(variant.id, { reason: new RegExp(`^2 items match SKU '${variant.sku}'`) });
    }
    if (index % 2 === 0) {
      items.push({ no: variant.sku, description: variant.productTitle, barcode: null });
      return void expectations.set(variant.id, { itemNo: variant.sku, variantCode: null });
    }
    const no = `P${index}`;
    items.push({ no, description: variant.productTitle, barcode: null });
    itemVariants.push({ itemNo: no, code: 'V1', description: variant.title, sku: variant.sku });
    expectations.set(variant.id, { itemNo: no, variantCode: 'V1' });
  });
  return {
    items: items.map((item) => ({ ...item, unitPrice: '0', blocked: false })),
    itemVariants: itemVariants as ItemVariant[],
  };
}

beforeAll(async () => {
  [erp, simulator] = await Promise.all([
    createTestErp(inject('testRunId')),
    startShopifySimulator({ throttle: 'unthrottled', shopDomain: 'map-items.myshopify.com' }),
  ]);
  store = await generateStore(
    { graphqlUrl: simulator.graphqlUrl, accessToken: simulator.accessToken, seedApi: simulator.store },
    { seed: 19, orders: 0, products: 500 },
  );
  await seedDemoShop(erp.orm, {
    shopDomain: simulator.shopDomain,
    shopCode: 'WEB',
    accessToken: simulator.accessToken,
    items: [{ no: 'TEMPLATE', description: 'Template for new items' }],
  });
  const { items, itemVariants } = planErpItems(store.variants);
  const em = erp.orm.em.fork();
  await em.insertMany(Item, items);
  await em.insertMany(ItemVariant, itemVariants);
  await em.nativeUpdate(ShopCard, { code: 'WEB' }, { itemMappingMode: 'sku_then_barcode' });
}, 600_000);

afterAll(async () => {
  await simulator?.stop();
  await erp?.close();
});

const run = cliRunner({
  env: () => ({ DATABASE_URL: erp.databaseUrl, SHOPIFY_API_BASE_URL: simulator.baseUrl }),
  erp: () => erp.orm,
  register: registerMapItemsFromShopifyCommand,
});

interface Report {
  variants: number;
  mapped: number;
  linkedAlready: number;
  createdItems: number;
  unmapped: { variantId: string; reason: string }[];
}

async function links(): Promise<Map<string, { itemNo: string; variantCode: string | null }>> {
  const rows = await erp.orm.em.fork().find(ShopifyVariantLink, { store: simulator.shopDomain });
  return new Map(
    rows.map((row) => [row.shopifyVariantId, { itemNo: row.itemNo, variantCode: row.variantCode ?? null }]),
  );
}

describe('orderbridge map items --from-shopify on a store of 500 products', () => {
  it('maps every mappable variant by SKU or barcode and lists every other one with its reason', async () => {
    const products = new Set(store.variants.filter((variant) => !variant.giftCard).map((v) => v.productId));
    expect(products.size).toBe(500);
    const report = JSON.parse(await run('map', 'items', '--from-shopify', 'WEB', '--json')) as Report;
    const mappable = [...expectations].filter(([, expected]) => expected.itemNo);
    expect(report.variants).toBe(store.variants.length);
    expect(report.mapped).toBe(mappable.length);
    const linked = await links();
    for (const [variantId, expected] of mappable)
      expect(linked.get(variantId)).toEqual({ itemNo: expected.itemNo, variantCode: expected.variantCode });
    const unmapped = [...expectations].filter(([, expected]) => expected.reason);
    expect(report.unmapped.map((row) => row.variantId).sort()).toEqual(unmapped.map(([id]) => id).sort());
    for (const row of report.unmapped) expect(row.reason).toMatch(expectations.get(row.variantId)!.reason!);
    expect(report.unmapped.some((row) => /^2 items match/.test(row.reason))).toBe(true);
  });

  it('keeps the links it made; --create-missing makes items from the template for the rest', async () => {
    const again = JSON.parse(await run('map', 'items', '--from-shopify', 'WEB', '--json')) as Report;
    expect(again).toMatchObject({ mapped: 0, createdItems: 0 });
    const creatable = [...expectations].filter(([, expected]) => expected.creatable);
    const report = JSON.parse(
      await run(
        'map',
        'items',
        '--from-shopify',
        'WEB',
        '--create-missing',
        '--template',
        'TEMPLATE',
        '--json',
      ),
    ) as Report;
    expect(report.mapped).toBe(creatable.length);
    expect(report.createdItems).toBe(creatable.length);
    const linked = await links();
    for (const [variantId] of creatable) {
      const variant = store.variants.find((candidate) => candidate.id === variantId)!;
      expect(linked.get(variantId)).toEqual({ itemNo: variant.sku, variantCode: null });
      expect(await erp.orm.em.fork().findOneOrFail(Item, variant.sku!)).toMatchObject({
        unitPrice: expect.stringMatching(new RegExp(`^${variant.price.replace('.', '\\.')}`)),
        barcode: variant.barcode,
      });
    }
    expect(report.unmapped.every((row) => !expectations.get(row.variantId)!.creatable)).toBe(true);
  });
});

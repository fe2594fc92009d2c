import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportedOrder, SalesHeader, SalesLine } from '../../erp/entities';
import { createOrder } from '../../simulator/generator/create-order';
import type { ShopifyTarget } from '../../simulator/generator/admin-client';
import { hasDocument, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, runSync, shopifyTarget } from './order-test-kit';

let stack: TestStack;
let target: ShopifyTarget;
let variantId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const product = stack.simulator.store.addProduct({
    title: 'Organic T-shirt',
    variants: [{ title: 'M', sku: 'TSHIRT-M', barcode: '4006381333931', price: '25.00' }],
  });
  variantId = product.sim.variantIds[0]!;
  await addShopCard(stack, 'WEB', { items: [{ no: 'TSHIRT-M', description: 'Organic T-shirt M' }] });
  target = shopifyTarget(stack);
});

afterAll(async () => {
  await stack?.close();
});

describe('a Shopify order becomes a sales document through sync and its order workflow', () => {
  it('imports the order and creates exactly one sales order with item, shipping and comment lines', async () => {
    const order = await createOrder(target, {
      lines: [{ variantId, title: 'Organic T-shirt', sku: 'TSHIRT-M', quantity: 2, unitPrice: '25.00' }],
      shippingLines: [{ title: 'Standard', price: '5.00' }],
      customer: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
    });
    const report = await runSync(stack, 'WEB');
    expect(report.dispatched).toBeGreaterThanOrEqual(1);

    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      hasDocument,
    );
    expect(status.hasError).toBe(false);
    expect(status.document?.documentType).toBe('order');

    const em = stack.erp.orm.em.fork();
    const imported = await em.findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
    expect(imported.name).toBe(order.name);
    const headers = await em.find(SalesHeader, { shopifyOrderId: order.id });
    expect(headers).toHaveLength(1);
    const lines = await em.find(SalesLine, { headerId: headers[0]!.id }, { orderBy: { lineNo: 'asc' } });
    expect(lines.map((line) => line.type)).toEqual(expect.arrayContaining(['comment', 'item', 'gl_account']));
    const itemLine = lines.find((line) => line.type === 'item')!;
    expect(itemLine.no).toBe('TSHIRT-M');
    expect(Number(itemLine.quantity)).toBe(2);
    expect(itemLine.locationCode).toBe('MAIN');
  });
});

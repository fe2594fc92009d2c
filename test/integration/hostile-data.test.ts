import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportedOrder, OrderToImport } from '../../erp/entities';
import type { ShopifyTarget } from '../../simulator/generator/admin-client';
import { createOrder } from '../../simulator/generator/create-order';
import type { AddressPlan } from '../../simulator/generator/store-plan';
import type { OrderStatus } from '../../workflows/messages';
import { waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { addShopCard, runSync, shopifyTarget } from './order-test-kit';

/**
 * Data Shopify accepts but PostgreSQL or the ERP's fields do not take as they are: each order is
 * either stored (text made storable, with a warning naming the field) or shown with a typed
 * problem, never retried in silence.
 */

let stack: TestStack;
let target: ShopifyTarget;
let variantId: string;

const address = (overrides: Partial<AddressPlan> = {}): AddressPlan => ({
  firstName: 'Hostile',
  lastName: 'Tester',
  address1: 'Storgata 1',
  city: 'Oslo',
  zip: '0155',
  countryCode: 'NO',
  ...overrides,
});

beforeAll(async () => {
  stack = await startTestStack();
  variantId = stack.simulator.store.addProduct({
    title: 'Organic T-shirt',
    variants: [{ title: 'M', sku: 'TSHIRT-M', barcode: '4006381333931', price: '25.00' }],
  }).sim.variantIds[0]!;
  await addShopCard(stack, 'WEB', { items: [{ no: 'TSHIRT-M', description: 'Organic T-shirt M' }] });
  target = shopifyTarget(stack);
});

afterAll(async () => {
  await stack?.close();
});

const settled = (status: OrderStatus) =>
  status.document !== undefined || status.stage === 'needs-attention' || status.stage === 'skipped';

const tshirt = () => ({
  variantId,
  title: 'Organic T-shirt',
  sku: 'TSHIRT-M',
  quantity: 1,
  unitPrice: '25.00',
});

async function importThroughSync(
  request: Omit<Parameters<typeof createOrder>[1], 'lines'> & {
    lines?: Parameters<typeof createOrder>[1]['lines'];
  },
) {
  const order = await createOrder(target, { lines: [tshirt()], ...request });
  await runSync(stack, 'WEB');
  const status = await waitForOrder(
    stack.temporal.client,
    stack.simulator.shopDomain,
    order.id,
    settled,
    45_000,
  );
  return { order, status };
}

function warningFields(status: OrderStatus): string[] {
  return status.problems
    .filter((problem) => problem.code === 'TEXT_ADJUSTED')
    .map((problem) => problem.field);
}

// Each test creates an order and runs a whole order sync before the order's own workflow.
describe('hostile text from Shopify', { timeout: 120_000 }, () => {
  it('stores an order whose note holds a NUL character, without it, and says so on the order', async () => {
    const { order, status } = await importThroughSync({
      note: 'Leave at the door\u0000please',
      customer: { email: 'nul-note@example.com', firstName: 'Nul', lastName: 'Note', addresses: [address()] },
    });
    expect(status.document?.documentType).toBe('order');
    expect(warningFields(status)).toContain('note');
    const stored = await stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
    expect(stored.note).toBe('Leave at the doorplease');
  });

  it('stores an order whose address holds a NUL character', async () => {
    const { order, status } = await importThroughSync({
      customer: {
        email: 'nul-address@example.com',
        firstName: 'Nul',
        lastName: 'Address',
        addresses: [address({ address1: 'Storgata\u0000 2' })],
      },
    });
    expect(status.document?.documentType).toBe('order');
    expect(warningFields(status)).toContain('billingAddress.address1');
    const stored = await stack.erp.orm.em.fork().findOneOrFail(ImportedOrder, { shopifyOrderId: order.id });
    expect(stored.billingAddress?.address1).toBe('Storgata 2');
  });

  it('imports a line titled with 2,000 characters, cut to the ERP field with a warning', async () => {
    const longTitled = stack.simulator.store.addProduct({
      title: 'T'.repeat(2000),
      variants: [{ title: 'M', sku: 'TSHIRT-M', price: '25.00' }],
    }).sim.variantIds[0]!;
    const { status } = await importThroughSync({
      lines: [{ ...tshirt(), variantId: longTitled, title: 'T'.repeat(2000) }],
      customer: {
        email: 'long-title@example.com',
        firstName: 'Long',
        lastName: 'Title',
        addresses: [address()],
      },
    });
    expect(status.document?.documentType).toBe('order');
    expect(warningFields(status)).toEqual(expect.arrayContaining(['lines[0].title', 'lines[0].name']));
  });

  it('makes the customer and the document of an order with a 3,000-character address', async () => {
    const { status } = await importThroughSync({
      customer: {
        email: 'long-address@example.com',
        firstName: 'Long',
        lastName: 'Address',
        addresses: [address({ address1: 'A'.repeat(3000) })],
      },
    });
    expect(status.document?.documentType).toBe('order');
    expect(warningFields(status)).toContain('billingAddress.address1');
  });

  it('imports an order whose e-mail has 251 characters', async () => {
    const email = `${'e'.repeat(239)}@example.com`;
    expect(email).toHaveLength(251);
    const { status } = await importThroughSync({
      email,
      customer: { email, firstName: 'Long', lastName: 'Mail', addresses: [address()] },
    });
    expect(status.document?.documentType).toBe('order');
  });
});

describe('data the database refuses the same way every time', { timeout: 120_000 }, () => {
  it('becomes a permanent typed problem on the order and its orders-to-import row, not an endless retry', async () => {
    // numeric(20,4) holds less than 10^16: Shopify takes a larger price, the ERP cannot store it.
    const { order, status } = await importThroughSync({
      lines: [{ ...tshirt(), unitPrice: '100000000000000000.00' }],
      customer: { email: 'huge@example.com', firstName: 'Huge', lastName: 'Amount', addresses: [address()] },
    });
    expect(status.hasError).toBe(true);
    const rejected = status.problems.find((problem) => problem.code === 'DATA_REJECTED');
    expect(rejected).toBeDefined();
    expect(rejected!.orderName).toBe(order.name);
    expect(rejected!.field).toMatch(/imported_order/);
    expect(rejected!.message).toMatch(/PostgreSQL 22003/);
    expect(rejected!.message).not.toMatch(/huge@example\.com|100000000000000000/);
    const row = await stack.erp.orm.em
      .fork()
      .findOne(OrderToImport, { store: stack.simulator.shopDomain, shopifyOrderId: order.id });
    expect(row?.hasError).toBe(true);
    expect(row?.errorText).toMatch(/DATA_REJECTED/);
  });
});

describe('amounts the ERP does not take', { timeout: 120_000 }, () => {
  it('refuses a line priced below zero with a typed problem instead of a negative sales order', async () => {
    const { order, status } = await importThroughSync({
      lines: [tshirt(), { ...tshirt(), title: 'Goodwill', unitPrice: '-5.00' }],
      customer: { email: 'minus@example.com', firstName: 'Minus', lastName: 'Five', addresses: [address()] },
    });
    expect(status.document).toBeUndefined();
    expect(status.hasError).toBe(true);
    const refused = status.problems.find((problem) => problem.code === 'AMOUNT_NOT_ACCEPTED');
    expect(refused).toMatchObject({ orderName: order.name, field: 'lines[1].originalUnitPrice' });
    expect(refused!.message).toMatch(/negative price \(-5/);
    // The line's item is mapped: the price is the only thing in the way.
    expect(status.problems.filter((problem) => problem.severity === 'error')).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErpCommand } from '../../client/commands/erp';
import { registerOrderCommand } from '../../client/commands/order';
import { createOrder } from '../../simulator/generator/create-order';
import { stackCliRunner } from '../helpers/cli-runner';
import { needsAttention, waitForOrder } from '../helpers/order-waits';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { gqlData } from '../simulator/helpers';
import { addShopCard, dispatchOrder, shopifyTarget } from './order-test-kit';
import {
  importToSalesOrder,
  setUpShipmentShop,
  waitForClosing,
  type ShipmentShop,
} from './shipment-test-kit';

let stack: TestStack;
let shop: ShipmentShop;

beforeAll(async () => {
  stack = await startTestStack({
    simulator: { presentmentRates: { EUR: '0.92' }, app: { title: 'Fraud Guard' } },
  });
  shop = await setUpShipmentShop(stack);
  // GUESTS: no customer import and no default customer, so a guest order needs an operator.
  await addShopCard(
    stack,
    'GUESTS',
    { customerImport: 'none', customerMappingType: 'by_email_phone' },
    { defaultCustomerNo: null },
  );
});

afterAll(async () => {
  await stack?.close();
});

const run = stackCliRunner(
  () => stack,
  (program, context) => {
    registerErpCommand(program, context);
    registerOrderCommand(program, context);
  },
);

const ASSESS = /* GraphQL */ `
  mutation Assess($input: OrderRiskAssessmentCreateInput!) {
    orderRiskAssessmentCreate(orderRiskAssessmentInput: $input) {
      userErrors {
        message
      }
    }
  }
`;

describe('orderbridge order show', () => {
  it('shows every risk assessment, both totals, posted invoices and the closed, archived truth', async () => {
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        {
          variantId: shop.variantOf['SOCKS-1'],
          title: 'SOCKS-1',
          sku: 'SOCKS-1',
          quantity: 2,
          unitPrice: '10.00',
        },
      ],
      shippingLines: [{ title: 'Standard Shipping', price: '5.00' }],
      customer: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      presentmentCurrency: 'EUR',
      risk: 'HIGH',
    });
    // Shopify's own analysis beside the app's two (the generator's and one more).
    stack.simulator.store.setOrderRisk(order.id, 'LOW');
    await gqlData(stack.simulator, ASSESS, {
      input: {
        orderId: order.id,
        riskLevel: 'MEDIUM',
        facts: [{ description: 'New customer', sentiment: 'NEUTRAL' }],
      },
    });
    const { header } = await importToSalesOrder(stack, order);
    await run('erp', 'ship', header.no);
    await waitForClosing(stack, order, 'closed');
    await run('erp', 'invoice', header.no);

    const shown = JSON.parse(await run('order', 'show', order.name, '--json'));
    expect(shown.risk).toBe('HIGH');
    expect(shown.riskAssessments).toEqual([
      { level: 'LOW', provider: 'Shopify', facts: '' },
      {
        level: 'HIGH',
        provider: 'Fraud Guard',
        facts: 'Card verification failed and several cards were tried (NEGATIVE)',
      },
      { level: 'MEDIUM', provider: 'Fraud Guard', facts: 'New customer (NEUTRAL)' },
    ]);
    expect(shown.shopifyState).toMatch(/^closed \(archived\) \d{4}-/);
    expect(shown.erpState).toMatch(/^document archived \d{4}-/);
    // Released, then shipped, invoiced and archived: it says so, not "released".
    expect(shown.documents).toEqual([
      expect.objectContaining({ type: 'order', no: header.no, status: 'archived (invoiced)' }),
    ]);
    expect(shown.postedInvoices).toEqual([
      expect.objectContaining({ document: header.no, amountIncludingTax: header.amountIncludingTax }),
    ]);
    expect(shown.postedInvoices[0].invoice).toMatch(/^PSI\d+/);
    const record = stack.simulator.store.order(order.id)!;
    expect(shown.totals).toEqual([
      {
        of: 'Shopify',
        subtotal: record.currentSubtotalPriceSet.shopMoney.amount,
        shipping: record.currentShippingPriceSet.shopMoney.amount,
        tax: record.currentTotalTaxSet.shopMoney.amount,
        total: record.currentTotalPriceSet.shopMoney.amount,
        currency: 'USD',
      },
      {
        of: 'Shopify (presentment)',
        subtotal: record.currentSubtotalPriceSet.presentmentMoney.amount,
        shipping: record.currentShippingPriceSet.presentmentMoney.amount,
        tax: record.currentTotalTaxSet.presentmentMoney.amount,
        total: record.currentTotalPriceSet.presentmentMoney.amount,
        currency: 'EUR',
      },
      {
        of: `order ${header.no}`,
        subtotal: '20.00',
        shipping: '5.00',
        tax: '0.00',
        total: '25.00',
        currency: 'USD',
      },
    ]);
    const text = await run('order', 'show', order.name);
    for (const title of ['Risk assessments', 'Totals', 'Posted invoices']) expect(text).toContain(title);
    expect(text).toMatch(/Fraud Guard\s+New customer \(NEUTRAL\)/);
  });

  it("names a point-of-sale order's retail location, and does not offer map-customer for a guest", async () => {
    const counter = stack.simulator.store.addLocation({
      name: 'Oslo store',
      countryCode: 'NO',
      city: 'Oslo',
    });
    const order = await createOrder(shopifyTarget(stack), {
      lines: [
        { variantId: shop.variantOf['CAP-1'], title: 'CAP-1', sku: 'CAP-1', quantity: 1, unitPrice: '20.00' },
      ],
      pos: { locationId: counter.id },
      customer: null,
    });
    await dispatchOrder(stack, order, 'GUESTS');
    const status = await waitForOrder(
      stack.temporal.client,
      stack.simulator.shopDomain,
      order.id,
      needsAttention,
    );
    const problem = status.problems.find((entry) => entry.code === 'CUSTOMER_NOT_FOUND');
    expect(problem?.message).toContain('order assign-customer');
    expect(problem?.message).not.toContain('map-customer');
    const shown = JSON.parse(await run('order', 'show', order.name, '--json'));
    expect(shown.retailLocation).toBe('Oslo store');
    expect(shown.shopifyState).toBe('open');
    expect(shown.erpState).toBe('no document');
    expect(await run('order', 'show', order.name)).not.toContain('map-customer');
  });
});

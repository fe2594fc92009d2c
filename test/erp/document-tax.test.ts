import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/money';
import type { OrderSnapshot } from '../../domain/order-snapshot';
import { ImportedOrder, SalesHeader, SalesLine, TaxArea } from '../../erp/entities';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder, mapOrder } from '../../erp/services/orders';
import { updateShopCard } from '../../erp/services/settings';
import { address, bag, shippingLine } from '../unit/domain/order-snapshot-fixture';
import { line, newOrder, SHOP, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();
const em = () => erp.orm.em.fork();

/**
 * Issue 18 item 1: a German customer's order shipped to New York, then the shop card's tax area
 * priority changes and Shopify adds a shipping line (orderEditAddShippingLine), which rebuilds the
 * open document. Its tax area and every tax amount on it must come from one decision.
 */
function germanBuyerShippedToNewYork(): OrderSnapshot {
  const order = newOrder({ shippingLines: [] });
  const german = address({
    lastName: `Müller ${order.number}`,
    name: `Hans Müller ${order.number}`,
    address1: 'Hauptstraße 1',
    city: 'Berlin',
    zip: '10115',
    countryCode: 'DE',
    country: 'Germany',
    phone: `+49 30 ${order.number}`,
  });
  return {
    ...order,
    billingAddress: german,
    shippingAddress: address({
      address1: '1 Broadway',
      city: 'New York',
      zip: '10004',
      province: 'New York',
      provinceCode: 'NY',
      countryCode: 'US',
      country: 'United States',
    }),
    lines: [line(1, { originalUnitPrice: bag('61.90') })],
    totals: {
      currentTotal: bag('67.39'),
      currentTotalTax: bag('5.49'),
      currentShipping: bag('0.00'),
      totalTipReceived: bag('0.00'),
    },
  };
}

function withShippingAdded(order: OrderSnapshot): OrderSnapshot {
  return {
    ...order,
    updatedAt: '2026-11-21T10:00:00Z',
    edited: true,
    shippingLines: [shippingLine(1, { originalPrice: bag('7.00'), discountedPrice: bag('7.00') })],
    totals: {
      currentTotal: bag('75.01'),
      currentTotalTax: bag('6.11'),
      currentShipping: bag('7.00'),
      totalTipReceived: bag('0.00'),
    },
  };
}

async function documentState(headerId: number, importedOrderId: number) {
  const header = await em().findOneOrFail(SalesHeader, headerId);
  const lines = await em().find(SalesLine, { headerId });
  const order = await em().findOneOrFail(ImportedOrder, importedOrderId);
  const taxable = lines
    .filter((entry) => entry.taxable)
    .reduce((total, entry) => total.plus(entry.amount), new Decimal(0));
  return { header, order, lines, taxable };
}

describe('a document has one tax decision', () => {
  it('keeps its tax area and rate for every amount when a Shopify edit rebuilds it', async () => {
    await updateShopCard(erp.orm, SHOP, { settings: { taxAreaPriority: 'ship_sell_bill' } });
    const original = germanBuyerShippedToNewYork();
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, original);
    const created = await createSalesDocument(erp.orm, importedOrderId);
    const before = await documentState(created.salesHeaderId, importedOrderId);
    expect(before.header.taxAreaCode).toBe('US-NY');
    expect(new Decimal(before.header.taxAmount).toFixed(2)).toBe('5.49');

    await updateShopCard(erp.orm, SHOP, { settings: { taxAreaPriority: 'sell_ship_bill' } });
    const result = await importOrder(erp.orm, SHOP, withShippingAdded(original));
    expect(result).toMatchObject({ documentRebuilt: true });

    const after = await documentState(created.salesHeaderId, importedOrderId);
    expect(after.lines.some((entry) => entry.origin === 'shipping')).toBe(true);
    // One decision: the header, the imported order and every amount agree.
    expect(after.header.taxAreaCode).toBe(after.order.taxAreaCode);
    expect(after.header.taxAreaCode).toBe('US-NY');
    expect(new Decimal(after.header.taxRatePercent).toFixed()).toBe('8.875');
    const expectedTax = after.taxable.times('8.875').dividedBy(100).toDecimalPlaces(2);
    expect(new Decimal(after.header.taxAmount).toFixed(2)).toBe(expectedTax.toFixed(2));
    // Shopify's tax is what the totals check compares with, and any difference is named.
    const tax = after.header.reconciliation?.components.find((entry) => entry.component === 'tax');
    expect(tax?.document).toBe(new Decimal(after.header.taxAmount).toFixed(2));
    expect(tax?.shopify).toBe('6.11');
    const differs = !new Decimal(tax?.difference ?? '0').isZero();
    expect(after.header.reconciliation?.explanation.includes('tax')).toBe(differs);
  });

  it('flags a difference from Shopify when the decision differs from the one Shopify taxed at', async () => {
    await updateShopCard(erp.orm, SHOP, { settings: { taxAreaPriority: 'sell_ship_bill' } });
    const original = germanBuyerShippedToNewYork();
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, original);
    const created = await createSalesDocument(erp.orm, importedOrderId);
    const header = await em().findOneOrFail(SalesHeader, created.salesHeaderId);
    expect(header.taxAreaCode).toBe('DE');
    expect(new Decimal(header.taxAmount).toFixed(2)).toBe('11.76');
    const tax = header.reconciliation?.components.find((entry) => entry.component === 'tax');
    expect(tax).toMatchObject({ document: '11.76', shopify: '5.49', difference: '6.27' });
    expect(header.reconciliation?.explanation).toContain('tax (the ERP computes its own) 11.76 vs 5.49');
  });
});

describe("the tax area's county follows the shop card's county source", () => {
  it('matches the province code, or its name, as the card says', async () => {
    await em().upsert(TaxArea, {
      code: 'US-NY-NAME',
      description: 'New York, by name',
      countryCode: 'US',
      county: 'New York',
      taxRatePercent: '8.5',
    });
    await updateShopCard(erp.orm, SHOP, { settings: { taxAreaPriority: 'ship_sell_bill' } });
    const byCode = germanBuyerShippedToNewYork();
    const { importedOrderId: byCodeId = -1 } = await importOrder(erp.orm, SHOP, byCode);
    await mapOrder(erp.orm, byCodeId);
    expect((await em().findOneOrFail(ImportedOrder, byCodeId)).taxAreaCode).toBe('US-NY');

    await updateShopCard(erp.orm, SHOP, { settings: { countySource: 'name' } });
    const byName = germanBuyerShippedToNewYork();
    const { importedOrderId: byNameId = -1 } = await importOrder(erp.orm, SHOP, byName);
    await mapOrder(erp.orm, byNameId);
    expect((await em().findOneOrFail(ImportedOrder, byNameId)).taxAreaCode).toBe('US-NY-NAME');
    await updateShopCard(erp.orm, SHOP, { settings: { countySource: 'code' } });
  });
});

import { describe, expect, it } from 'vitest';
import { OrderProblemsError } from '../../domain/order-problems';
import {
  Customer,
  ImportedOrder,
  ImportedOrderLine,
  ImportedTransaction,
  SalesHeader,
  SalesLine,
  ShopCard,
  ShopifyCustomerLink,
} from '../../erp/entities';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder, mapOrder } from '../../erp/services/orders';
import { mapItem } from '../../erp/services/items';
import { setExchangeRate } from '../../erp/services/settings';
import { setOrderCustomer } from '../../erp/services/customers';
import { bag, line, shippingLine } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, STORE, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

const em = () => erp.orm.em.fork();

async function setShop(patch: Partial<ShopCard>) {
  const fork = em();
  const shop = await fork.findOneOrFail(ShopCard, SHOP);
  fork.assign(shop, patch);
  await fork.flush();
}

async function documentLines(headerId: number) {
  return em().find(SalesLine, { headerId }, { orderBy: { lineNo: 'asc' } });
}

describe('import → map → sales document', () => {
  it('creates a sales order with a new customer, mapped item and location, shipping, comment and matching totals', async () => {
    const snapshot = newOrder({
      transactions: [
        {
          shopifyTransactionId: 'gid://shopify/OrderTransaction/1',
          kind: 'SALE',
          status: 'SUCCESS',
          gateway: 'shopify_payments',
          formattedGateway: 'Shopify Payments',
          amount: bag('186.25'),
          parentTransactionId: null,
          createdAt: '2026-11-20T10:00:00Z',
          processedAt: null,
          test: false,
          errorCode: null,
        },
      ],
      tags: ['VIP', 'web'],
    });
    const imported = await importOrder(erp.orm, SHOP, snapshot);
    expect(imported).toMatchObject({
      firstImport: true,
      changed: true,
      hasDocument: false,
      cancelled: false,
    });
    const importedOrderId = imported.importedOrderId ?? -1;

    const stored = await em().findOneOrFail(ImportedOrder, importedOrderId);
    expect(stored).toMatchObject({
      store: STORE,
      shopCode: SHOP,
      name: snapshot.name,
      currentTotalShop: '186.2500',
      tags: ['VIP', 'web'],
    });
    expect(await em().count(ImportedTransaction, { orderId: importedOrderId })).toBe(1);

    const mapped = await mapOrder(erp.orm, importedOrderId);
    expect(mapped.problems).toEqual([]);
    expect(mapped.mapped).toBe(true);
    expect(mapped.createdCustomerNo).toMatch(/^C\d{5}$/);
    const customer = await em().findOneOrFail(Customer, mapped.createdCustomerNo ?? '');
    expect(customer).toMatchObject({
      name: `Kari Nordmann ${snapshot.number}`,
      city: 'Oslo',
      email: snapshot.email,
      createdFromTemplateCode: 'RETAIL',
    });
    expect(await em().count(ShopifyCustomerLink, { store: STORE, customerNo: customer.no })).toBe(1);

    const document = await createSalesDocument(erp.orm, importedOrderId);
    expect(document).toMatchObject({
      documentType: 'order',
      status: 'open',
      totalDifference: '0',
      created: true,
    });
    expect(document.documentNo).toMatch(/^SO\d{6}$/);
    const header = await em().findOneOrFail(SalesHeader, document.salesHeaderId);
    expect(header).toMatchObject({
      sellToCustomerNo: customer.no,
      billToCustomerNo: customer.no,
      externalDocumentNo: snapshot.name,
      shopifyOrderId: snapshot.shopifyOrderId,
      store: STORE,
      shipmentMethodCode: 'STD',
      taxAreaCode: 'NO',
      currencyCode: null,
      amount: '149.0000',
      taxAmount: '37.2500',
      amountIncludingTax: '186.2500',
      shopifyTotal: '186.2500',
    });
    const lines = await documentLines(header.id);
    expect(
      lines.map((entry) => [
        entry.type,
        entry.origin,
        entry.no,
        entry.quantity,
        entry.amount,
        entry.locationCode,
      ]),
    ).toEqual([
      ['comment', 'comment', null, '0.0000', '0.0000', null],
      ['item', 'item', 'SKU-1', '1.0000', '100.0000', 'OSLO'],
      ['gl_account', 'shipping', '6100', '1.0000', '49.0000', null],
    ]);
    expect(lines[0]?.description).toBe(`Shopify order ${snapshot.name}`);
    expect((await em().findOneOrFail(ImportedOrder, importedOrderId)).stage).toBe('document-created');
  });

  it('re-importing the same snapshot changes nothing and keeps one row', async () => {
    const snapshot = newOrder();
    const first = await importOrder(erp.orm, SHOP, snapshot);
    const second = await importOrder(erp.orm, SHOP, snapshot);
    expect(second).toMatchObject({
      importedOrderId: first.importedOrderId,
      firstImport: false,
      changed: false,
    });
    expect(await em().count(ImportedOrder, { shopifyOrderId: snapshot.shopifyOrderId })).toBe(1);
    expect(await em().count(ImportedOrderLine, { orderId: first.importedOrderId })).toBe(1);
    expect((await em().findOneOrFail(ImportedOrder, first.importedOrderId ?? -1)).importCount).toBe(2);
  });

  it('a cancelled order is not imported the first time, nor an archived one', async () => {
    const cancelled = await importOrder(
      erp.orm,
      SHOP,
      newOrder({ cancelledAt: '2026-11-20T11:00:00Z', cancelReason: 'CUSTOMER' }),
    );
    expect(cancelled).toMatchObject({ skipped: 'cancelled', cancelled: true });
    expect(cancelled.importedOrderId).toBeUndefined();
    const archived = newOrder({ closed: true, closedAt: '2026-11-20T11:00:00Z' });
    expect(await importOrder(erp.orm, SHOP, archived)).toMatchObject({ skipped: 'archived' });
    expect(await em().count(ImportedOrder, { shopifyOrderId: archived.shopifyOrderId })).toBe(0);
  });

  it('an order cancelled after its import gets no document', async () => {
    const snapshot = newOrder();
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, snapshot);
    await importOrder(erp.orm, SHOP, {
      ...snapshot,
      cancelledAt: '2026-11-21T08:00:00Z',
      cancelReason: 'CUSTOMER',
    });
    const error = await createSalesDocument(erp.orm, importedOrderId).catch((caught: unknown) => caught);
    expect((error as OrderProblemsError).problems.map((problem) => problem.code)).toEqual([
      'ORDER_CANCELLED',
    ]);
    expect(await em().count(SalesHeader, { importedOrderId })).toBe(0);
  });

  it('two imports of one new order at the same time make one order, imported once and updated once', async () => {
    const snapshot = newOrder();
    const results = await Promise.all([
      importOrder(erp.orm.em.fork(), SHOP, snapshot),
      importOrder(erp.orm.em.fork(), SHOP, snapshot),
    ]);
    expect(results.map((result) => result.firstImport).sort()).toEqual([false, true]);
    expect(new Set(results.map((result) => result.importedOrderId)).size).toBe(1);
    expect(await em().count(ImportedOrder, { shopifyOrderId: snapshot.shopifyOrderId })).toBe(1);
  });

  it('a closed order that was imported keeps being updated and shows stage closed', async () => {
    const snapshot = newOrder();
    const { importedOrderId } = await importOrder(erp.orm, SHOP, snapshot);
    const result = await importOrder(erp.orm, SHOP, {
      ...snapshot,
      closed: true,
      closedAt: '2026-11-25T00:00:00Z',
    });
    expect(result).toMatchObject({ closed: true, changed: true, importedOrderId });
    expect(await em().findOneOrFail(ImportedOrder, importedOrderId ?? -1)).toMatchObject({
      stage: 'closed',
      closed: true,
    });
  });

  it('an order already fulfilled in Shopify (gift card only) becomes an invoice with the gift card on its account', async () => {
    const snapshot = newOrder({
      fulfillmentStatus: 'FULFILLED',
      lines: [
        line(1, {
          name: 'Gift card',
          isGiftCard: true,
          sku: null,
          variantId: null,
          requiresShipping: false,
          originalUnitPrice: bag('50.00'),
        }),
      ],
      shippingLines: [],
      totals: {
        ...newOrder().totals,
        currentTotal: bag('50.00'),
        currentShipping: bag('0.00'),
        currentTotalTax: bag('0.00'),
      },
    });
    const { importedOrderId } = await importOrder(erp.orm, SHOP, snapshot);
    const document = await createSalesDocument(erp.orm, importedOrderId ?? -1);
    expect(document).toMatchObject({ documentType: 'invoice', totalDifference: '0' });
    expect(document.documentNo).toMatch(/^SI\d{6}$/);
    const lines = await documentLines(document.salesHeaderId);
    expect(lines.map((entry) => [entry.type, entry.origin, entry.no, entry.amount, entry.taxable])).toEqual([
      ['comment', 'comment', null, '0.0000', false],
      ['gl_account', 'gift_card', '2900', '50.0000', false],
    ]);
  });

  it('puts tips on the tip account and reports a tax difference instead of absorbing it', async () => {
    const snapshot = newOrder({
      lines: [
        line(1),
        line(2, {
          name: 'Tip',
          isTip: true,
          sku: null,
          variantId: null,
          originalUnitPrice: bag('20.00'),
          taxable: false,
        }),
      ],
      totals: {
        ...newOrder().totals,
        currentTotal: bag('206.25'),
        totalTipReceived: bag('20.00'),
        currentTotalTax: bag('30.00'),
      },
    });
    const { importedOrderId } = await importOrder(erp.orm, SHOP, snapshot);
    const document = await createSalesDocument(erp.orm, importedOrderId ?? -1);
    const header = await em().findOneOrFail(SalesHeader, document.salesHeaderId);
    expect(header.amountIncludingTax).toBe('206.2500');
    expect(header.reconciliation?.components.find((entry) => entry.component === 'tax')).toMatchObject({
      document: '37.25',
      shopify: '30.00',
      difference: '7.25',
    });
    expect(document.totalDifference).toBe('0');
    const lines = await documentLines(document.salesHeaderId);
    expect(lines.filter((entry) => entry.origin === 'tip').map((entry) => [entry.no, entry.amount])).toEqual([
      ['6200', '20.0000'],
    ]);
  });

  it('releases the document at once when the shop card says so', async () => {
    await setShop({ autoReleaseOrders: true });
    try {
      const { importedOrderId } = await importOrder(erp.orm, SHOP, newOrder());
      const document = await createSalesDocument(erp.orm, importedOrderId ?? -1);
      expect(document.status).toBe('released');
      expect((await em().findOneOrFail(SalesHeader, document.salesHeaderId)).releasedAt).toBeInstanceOf(Date);
    } finally {
      await setShop({ autoReleaseOrders: false });
    }
  });

  it('leaves the comment line out when the shop card does not ask for it', async () => {
    await setShop({ shopifyOrderNoOnDocumentLine: false });
    try {
      const { importedOrderId } = await importOrder(erp.orm, SHOP, newOrder());
      const document = await createSalesDocument(erp.orm, importedOrderId ?? -1);
      expect((await documentLines(document.salesHeaderId)).map((entry) => entry.origin)).toEqual([
        'item',
        'shipping',
      ]);
    } finally {
      await setShop({ shopifyOrderNoOnDocumentLine: true });
    }
  });
});

describe('problems, operator fixes, retries', () => {
  it('a missing customer blocks the document; setting one by hand lets it through', async () => {
    await setShop({ customerImport: 'none', defaultCustomerNo: null });
    try {
      const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, newOrder());
      const error = await createSalesDocument(erp.orm, importedOrderId).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OrderProblemsError);
      expect((error as OrderProblemsError).problems.map((problem) => problem.code)).toEqual([
        'CUSTOMER_NOT_FOUND',
      ]);
      const order = await em().findOneOrFail(ImportedOrder, importedOrderId);
      expect(order.hasError).toBe(true);
      expect(order.errorText).toContain('[CUSTOMER_NOT_FOUND] Order #');
      expect(await em().count(SalesHeader, { importedOrderId })).toBe(0);

      await setOrderCustomer(erp.orm, importedOrderId, 'WEB-GUEST');
      const document = await createSalesDocument(erp.orm, importedOrderId);
      expect(document.created).toBe(true);
      expect((await em().findOneOrFail(SalesHeader, document.salesHeaderId)).sellToCustomerNo).toBe(
        'WEB-GUEST',
      );
      expect(await em().findOneOrFail(ImportedOrder, importedOrderId)).toMatchObject({
        hasError: false,
        errorText: null,
      });
    } finally {
      await setShop({ customerImport: 'with_order', defaultCustomerNo: 'WEB-GUEST' });
    }
  });

  it('refuses to set a customer that does not exist, naming the order', async () => {
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, newOrder());
    await expect(setOrderCustomer(erp.orm, importedOrderId, 'NOPE')).rejects.toThrow(
      /customer NOPE does not exist/,
    );
  });

  it('two unmapped items are both reported; mapping one explicitly and fixing the other lets the document through', async () => {
    const snapshot = newOrder({
      lines: [
        line(11, { sku: 'UNKNOWN-1', variantId: 'gid://shopify/ProductVariant/9911', name: 'Mystery 1' }),
        line(12, { sku: 'UNKNOWN-2', variantId: 'gid://shopify/ProductVariant/9912', name: 'Mystery 2' }),
      ],
    });
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, snapshot);
    const mapped = await mapOrder(erp.orm, importedOrderId);
    expect(mapped.mapped).toBe(false);
    expect(mapped.problems.map((problem) => problem.message)).toEqual([
      `Order ${snapshot.name}: item for SKU 'UNKNOWN-1' (variant gid://shopify/ProductVariant/9911) is not mapped: map it with \`orderbridge map item --variant 9911 --item <ITEM-NO>\``,
      `Order ${snapshot.name}: item for SKU 'UNKNOWN-2' (variant gid://shopify/ProductVariant/9912) is not mapped: map it with \`orderbridge map item --variant 9912 --item <ITEM-NO>\``,
    ]);
    await mapItem(erp.orm, STORE, '9911', 'TSHIRT', 'M');
    await mapItem(erp.orm, STORE, 'gid://shopify/ProductVariant/9912', 'CAP');
    const document = await createSalesDocument(erp.orm, importedOrderId);
    const items = (await documentLines(document.salesHeaderId)).filter((entry) => entry.type === 'item');
    expect(items.map((entry) => [entry.no, entry.variantCode])).toEqual([
      ['TSHIRT', 'M'],
      ['CAP', null],
    ]);
  });

  it('maps by SKU to an item variant, and by barcode only when the shop card says so', async () => {
    const { importedOrderId: bySku = -1 } = await importOrder(
      erp.orm,
      SHOP,
      newOrder({ lines: [line(21, { sku: 'TSHIRT-M' })] }),
    );
    await mapOrder(erp.orm, bySku);
    expect(await em().findOneOrFail(ImportedOrderLine, { orderId: bySku })).toMatchObject({
      itemNo: 'TSHIRT',
      variantCode: 'M',
      itemMappedBy: 'sku',
    });
    const barcodeOrder = newOrder({ lines: [line(22, { sku: 'NOT-AN-ITEM', barcode: '7090000000017' })] });
    const { importedOrderId: byBarcode = -1 } = await importOrder(erp.orm, SHOP, barcodeOrder);
    expect((await mapOrder(erp.orm, byBarcode)).mapped).toBe(false);
    await setShop({ itemMappingMode: 'sku_then_barcode' });
    try {
      expect((await mapOrder(erp.orm, byBarcode)).mapped).toBe(true);
      expect(await em().findOneOrFail(ImportedOrderLine, { orderId: byBarcode })).toMatchObject({
        itemNo: 'CAP',
        itemMappedBy: 'barcode',
      });
    } finally {
      await setShop({ itemMappingMode: 'sku' });
    }
  });

  it('a location without an ERP location blocks the document', async () => {
    const snapshot = newOrder({ lines: [line(1, { fulfillmentLocationId: 'gid://shopify/Location/777' })] });
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, snapshot);
    const mapped = await mapOrder(erp.orm, importedOrderId);
    expect(mapped.problems.map((problem) => problem.code)).toEqual(['LOCATION_NOT_MAPPED']);
  });

  it('a currency without an exchange rate is a problem until a rate is entered', async () => {
    await setShop({ currencyHandling: 'presentment' });
    try {
      const eur = (amount: string, nok: string) => bag(nok, amount, 'NOK', 'GBP');
      const snapshot = newOrder({
        presentmentCurrencyCode: 'GBP',
        lines: [line(1, { originalUnitPrice: eur('8.00', '100.00') })],
        shippingLines: [
          shippingLine(1, { originalPrice: eur('4.00', '49.00'), discountedPrice: eur('4.00', '49.00') }),
        ],
      });
      const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, snapshot);
      const first = await mapOrder(erp.orm, importedOrderId);
      expect(first.problems.map((problem) => problem.code)).toEqual(['CURRENCY_NOT_SET_UP']);
      await setExchangeRate(erp.orm, {
        currencyCode: 'GBP',
        startingDate: '2026-12-01',
        rateLcyPerUnit: '13.40',
      });
      const second = await mapOrder(erp.orm, importedOrderId);
      expect(second.problems.map((problem) => problem.message)).toEqual([
        `Order ${snapshot.name}: currency 'GBP' has no exchange rate on or before 2026-11-20: enter one with \`orderbridge currency rate GBP --date 2026-11-20 --rate <LCY per unit>\``,
      ]);
      await setExchangeRate(erp.orm, {
        currencyCode: 'GBP',
        startingDate: '2026-11-01',
        rateLcyPerUnit: '13.25',
      });
      const document = await createSalesDocument(erp.orm, importedOrderId);
      const header = await em().findOneOrFail(SalesHeader, document.salesHeaderId);
      expect(header).toMatchObject({
        currencyCode: 'GBP',
        currencyHandling: 'presentment',
        exchangeRateLcyPerUnit: '13.2500000000',
        amount: '12.0000',
      });
    } finally {
      await setShop({ currencyHandling: 'shop' });
    }
  });

  it('creates exactly one document when two workers ask at the same time, and the same one on a retry', async () => {
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, newOrder());
    const results = await Promise.all([
      createSalesDocument(erp.orm.em.fork(), importedOrderId),
      createSalesDocument(erp.orm.em.fork(), importedOrderId),
      createSalesDocument(erp.orm.em.fork(), importedOrderId),
    ]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.documentNo)).size).toBe(1);
    const retry = await createSalesDocument(erp.orm, importedOrderId);
    expect(retry).toMatchObject({ created: false, documentNo: results[0]?.documentNo });
    expect(await em().count(SalesHeader, { importedOrderId })).toBe(1);
  });

  it('throws a typed problem for an unknown shop card and for unusable data', async () => {
    await expect(importOrder(erp.orm, 'NOPE', newOrder())).rejects.toThrow(/shop card 'NOPE' does not exist/);
    const broken = newOrder({
      lines: [line(1, { originalUnitPrice: { ...bag('1'), shop: { amount: '1,00', currencyCode: 'NOK' } } })],
    });
    const error = await importOrder(erp.orm, SHOP, broken).catch((caught: unknown) => caught);
    expect((error as OrderProblemsError).problems[0]).toMatchObject({
      code: 'SNAPSHOT_INVALID',
      field: 'lines[0].originalUnitPrice.shop.amount',
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildDocumentLines,
  type DocumentLinesInput,
  type SourceOrderLine,
} from '../../../domain/document-lines';
import { bag, LOCATION_BERGEN, LOCATION_OSLO } from './order-snapshot-fixture';

const itemLine = (overrides: Partial<SourceOrderLine> = {}): SourceOrderLine => ({
  shopifyLineId: 'gid://shopify/LineItem/1',
  name: 'T-shirt - M',
  sku: 'TSHIRT-M',
  variantId: 'gid://shopify/ProductVariant/123',
  quantity: 2,
  currentQuantity: 2,
  isGiftCard: false,
  isTip: false,
  taxable: true,
  unitPrice: bag('100.00', '10.00', 'NOK', 'EUR'),
  discount: bag('20.00', '2.00', 'NOK', 'EUR'),
  fulfillmentLocationId: LOCATION_OSLO,
  itemNo: 'TSHIRT',
  variantCode: 'M',
  ...overrides,
});

const input = (overrides: Partial<DocumentLinesInput> = {}): DocumentLinesInput => ({
  orderName: '#1004',
  shop: {
    code: 'WEB',
    shippingChargesAccountNo: '6100',
    tipAccountNo: '6200',
    soldGiftCardAccountNo: '2900',
    shopifyOrderNoOnDocumentLine: false,
    locationRequired: true,
  },
  side: 'shop',
  isoCode: 'NOK',
  lines: [itemLine()],
  shippingLines: [],
  totalTipReceived: bag('0.00'),
  locationCodes: { [LOCATION_OSLO]: 'OSLO', [LOCATION_BERGEN]: null },
  glAccounts: {
    '6100': { name: 'Shipping', taxable: true },
    '6200': { name: 'Tips', taxable: false },
    '2900': { name: 'Gift cards', taxable: false },
  },
  ...overrides,
});

describe('buildDocumentLines', () => {
  it('makes an item line: quantity, unit price before discount, the discount, amount and mapped location', () => {
    const { lines, problems } = buildDocumentLines(input());
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      {
        lineNo: 10000,
        type: 'item',
        origin: 'item',
        no: 'TSHIRT',
        variantCode: 'M',
        description: 'T-shirt - M',
        quantity: '2',
        unitPrice: '100.00',
        lineDiscountAmount: '20.00',
        amount: '180.00',
        taxable: true,
        locationCode: 'OSLO',
        shopifyLineId: 'gid://shopify/LineItem/1',
      },
    ]);
  });

  it('uses the presentment bag when told, rounded to that currency', () => {
    const { lines } = buildDocumentLines(input({ side: 'presentment', isoCode: 'EUR' }));
    expect(lines[0]).toMatchObject({ unitPrice: '10.00', lineDiscountAmount: '2.00', amount: '18.00' });
  });

  it('puts a comment line with the Shopify order number first when the shop asks', () => {
    const { lines } = buildDocumentLines(
      input({ shop: { ...input().shop, shopifyOrderNoOnDocumentLine: true } }),
    );
    expect(lines.map((line) => [line.lineNo, line.type, line.description])).toEqual([
      [10000, 'comment', 'Shopify order #1004'],
      [20000, 'item', 'T-shirt - M'],
    ]);
    expect(lines[0]).toMatchObject({ amount: '0.00', no: null });
  });

  it('bills the current quantity and only the discount share of the units still ordered', () => {
    const { lines } = buildDocumentLines(
      input({ lines: [itemLine({ quantity: 3, currentQuantity: 2, discount: bag('10.00') })] }),
    );
    expect(lines[0]).toMatchObject({ quantity: '2', lineDiscountAmount: '6.67', amount: '193.33' });
  });

  it('leaves out lines removed in Shopify', () => {
    const { lines, problems } = buildDocumentLines(
      input({ lines: [itemLine({ currentQuantity: 0, itemNo: null })] }),
    );
    expect(lines).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('sold gift cards go to the sold gift card account, tips to the tip account, untaxed as the accounts say', () => {
    const { lines } = buildDocumentLines(
      input({
        lines: [
          itemLine({
            shopifyLineId: 'g',
            name: 'Gift card',
            isGiftCard: true,
            itemNo: null,
            discount: bag('0'),
            quantity: 1,
            currentQuantity: 1,
          }),
          itemLine({
            shopifyLineId: 't',
            name: 'Tip',
            isTip: true,
            itemNo: null,
            discount: bag('0'),
            quantity: 1,
            currentQuantity: 1,
            unitPrice: bag('15.00'),
          }),
        ],
      }),
    );
    expect(
      lines.map((line) => [line.type, line.origin, line.no, line.amount, line.taxable, line.locationCode]),
    ).toEqual([
      ['gl_account', 'gift_card', '2900', '100.00', false, null],
      ['gl_account', 'tip', '6200', '15.00', false, null],
    ]);
  });

  it('adds a tip line from the order total when no line carries the tip', () => {
    const { lines } = buildDocumentLines(input({ lines: [], totalTipReceived: bag('25.00') }));
    expect(lines).toEqual([
      expect.objectContaining({ origin: 'tip', no: '6200', amount: '25.00', description: 'Tip' }),
    ]);
  });

  it('charges shipping on the shipping account with its discount; free and removed shipping make no line', () => {
    const { lines } = buildDocumentLines(
      input({
        lines: [],
        shippingLines: [
          {
            shopifyShippingLineId: 's1',
            title: 'Express',
            isRemoved: false,
            price: bag('99.00'),
            discount: bag('9.00'),
          },
          {
            shopifyShippingLineId: 's2',
            title: 'Free',
            isRemoved: false,
            price: bag('0.00'),
            discount: bag('0.00'),
          },
          {
            shopifyShippingLineId: 's3',
            title: 'Old',
            isRemoved: true,
            price: bag('50.00'),
            discount: bag('0.00'),
          },
        ],
      }),
    );
    expect(lines).toEqual([
      expect.objectContaining({
        type: 'gl_account',
        origin: 'shipping',
        no: '6100',
        description: 'Express',
        quantity: '1',
        unitPrice: '99.00',
        lineDiscountAmount: '9.00',
        amount: '90.00',
        taxable: true,
        shopifyLineId: 's1',
      }),
    ]);
  });

  it('reports every unmapped item, naming SKU, variant and the command to fix it', () => {
    const { problems } = buildDocumentLines(
      input({
        lines: [
          itemLine({ itemNo: null }),
          itemLine({
            shopifyLineId: 'x',
            itemNo: null,
            sku: 'CAP',
            variantId: 'gid://shopify/ProductVariant/456',
            name: 'Cap',
          }),
        ],
      }),
    );
    expect(problems.map((problem) => problem.code)).toEqual(['ITEM_NOT_MAPPED', 'ITEM_NOT_MAPPED']);
    expect(problems[0]?.message).toBe(
      "Order #1004: item for SKU 'TSHIRT-M' (variant gid://shopify/ProductVariant/123) is not mapped: " +
        'map it with `orderbridge map item --variant 123 --item <ITEM-NO>`',
    );
    expect(problems[1]?.field).toBe('lines[1].variantId');
  });

  it('reports a Shopify location without an ERP location when the ERP requires one, and not otherwise', () => {
    const unmapped = input({ lines: [itemLine({ fulfillmentLocationId: LOCATION_BERGEN })] });
    expect(buildDocumentLines(unmapped).problems.map((problem) => problem.code)).toEqual([
      'LOCATION_NOT_MAPPED',
    ]);
    const noRow = input({ lines: [itemLine({ fulfillmentLocationId: 'gid://shopify/Location/999' })] });
    expect(buildDocumentLines(noRow).problems[0]?.message).toContain('gid://shopify/Location/999');
    const optional = { ...unmapped, shop: { ...unmapped.shop, locationRequired: false } };
    const result = buildDocumentLines(optional);
    expect(result.problems).toEqual([]);
    expect(result.lines[0]?.locationCode).toBeNull();
  });

  it('reports each missing account once, however many lines need it', () => {
    const { problems } = buildDocumentLines(
      input({
        shop: { ...input().shop, tipAccountNo: null, shippingChargesAccountNo: null },
        lines: [
          itemLine({ isTip: true, itemNo: null }),
          itemLine({ shopifyLineId: 'b', isTip: true, itemNo: null }),
        ],
        shippingLines: [
          {
            shopifyShippingLineId: 's1',
            title: 'Express',
            isRemoved: false,
            price: bag('99.00'),
            discount: bag('0'),
          },
        ],
      }),
    );
    expect(problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['ACCOUNT_NOT_SET', 'shop.tipAccountNo'],
      ['ACCOUNT_NOT_SET', 'shop.shippingChargesAccountNo'],
    ]);
    expect(problems[1]?.fix).toBe(
      'set it with `orderbridge shop set WEB --shipping-charges-account <GL-ACCOUNT>`',
    );
  });
});

import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../platform/concurrency';
import { allocateMoney, convertMoney } from '../../simulator/money';
import { buildOrderCreateInput, type OrderShopContext } from '../../simulator/generator/order-create-input';
import { SeededRandom } from '../../simulator/generator/prng';
import { ean13, planStore } from '../../simulator/generator/store-plan';

const usdShop: OrderShopContext = {
  shopCurrency: 'USD',
  taxRate: '0.0725',
  taxesIncluded: false,
  taxTitle: 'State Tax',
};

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draws = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (random) => () =>
            random.next()
        )(new SeededRandom(seed)),
      );
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
    for (const value of draws(7)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('keeps forked streams independent of later draws on the parent', () => {
    const first = new SeededRandom(9);
    const second = new SeededRandom(9);
    const forkA = first.fork('orders');
    const forkB = second.fork('orders');
    second.next();
    expect([forkA.next(), forkA.next()]).toEqual([forkB.next(), forkB.next()]);
  });

  it('never picks a zero weight', () => {
    const random = new SeededRandom(3);
    const picks = new Set(
      Array.from({ length: 500 }, () => random.weighted({ often: 5, never: 0, rarely: 1 })),
    );
    expect(picks).toEqual(new Set(['often', 'rarely']));
  });
});

describe('planStore', () => {
  it('plans the same store for the same seed, and another for another seed', () => {
    expect(planStore({ seed: 11, orders: 100 })).toEqual(planStore({ seed: 11, orders: 100 }));
    expect(planStore({ seed: 11, orders: 100 }).customers).not.toEqual(
      planStore({ seed: 12, orders: 100 }).customers,
    );
  });

  it('has a warehouse, a retail store and a 3PL, and variants lacking SKU or barcode', () => {
    const plan = planStore({ seed: 5, orders: 50 });
    expect(plan.locations.map((location) => location.role)).toEqual(['warehouse', 'retail', 'thirdParty']);
    const goods = plan.products.filter((product) => !product.giftCard).flatMap((product) => product.variants);
    expect(goods.filter((variant) => !variant.sku && !variant.barcode).length).toBeGreaterThanOrEqual(2);
    expect(goods.filter((variant) => !variant.sku && variant.barcode).length).toBeGreaterThanOrEqual(3);
    expect(goods.filter((variant) => variant.sku && variant.barcode).length).toBeGreaterThan(
      goods.length / 2,
    );
    for (const variant of goods)
      if (variant.barcode) expect(ean13(variant.barcode.slice(0, 12))).toBe(variant.barcode);
    expect(plan.products.find((product) => product.giftCard)?.variants.every((variant) => !variant.sku)).toBe(
      true,
    );
  });

  it('gives customers several countries, some without any address', () => {
    const plan = planStore({ seed: 5, orders: 200 });
    expect(new Set(plan.customers.map((customer) => customer.countryCode)).size).toBeGreaterThanOrEqual(5);
    expect(plan.customers.some((customer) => customer.addresses.length === 0)).toBe(true);
    expect(plan.customers.some((customer) => customer.addresses.length === 2)).toBe(true);
  });

  it('prices a EUR shop in euros and offers USD to its customers', () => {
    const plan = planStore({ seed: 5, orders: 10, currencyCode: 'EUR', presentmentCurrencies: ['USD'] });
    expect(plan.shop).toMatchObject({
      currencyCode: 'EUR',
      presentmentCurrencies: ['EUR', 'USD'],
      taxesIncluded: true,
    });
    expect(() => planStore({ seed: 1, orders: 1, currencyCode: 'JPY' })).toThrow(/JPY is not supported/);
  });
});

describe('money', () => {
  it('allocates a total over weights to the cent', () => {
    const parts = allocateMoney('10.00', ['1', '1', '1']);
    expect(parts.map((part) => part.toFixed(2)).sort()).toEqual(['3.33', '3.33', '3.34']);
    expect(allocateMoney('0.05', ['0', '0'])).toEqual([new Decimal(0), new Decimal(0)]);
  });

  it('converts with the fixed table and rejects unknown currencies', () => {
    expect(convertMoney('100.00', 'USD', 'EUR').toFixed(2)).toBe('92.00');
    expect(() => convertMoney('1', 'USD', 'XYZ')).toThrow(/XYZ has no generator exchange rate/);
  });
});

describe('buildOrderCreateInput', () => {
  const line = {
    variantId: 'gid://shopify/ProductVariant/1',
    title: 'Organic Cotton Tee',
    quantity: 2,
    unitPrice: '29.00',
  };

  it('sends presentment money beside shop money when the customer pays in another currency', () => {
    const built = buildOrderCreateInput(
      { lines: [line], shippingLines: [{ title: 'Standard', price: '6.95' }], presentmentCurrency: 'EUR' },
      usdShop,
    );
    expect(built.order.presentmentCurrency).toBe('EUR');
    expect(built.order.lineItems?.[0]?.priceSet).toEqual({
      shopMoney: { amount: '29.00', currencyCode: 'USD' },
      presentmentMoney: { amount: '26.68', currencyCode: 'EUR' },
    });
    // 58.00 goods + 4.21 tax (7.25 %) + 6.95 shipping
    expect(built.expected.shop.totalPrice).toBe('69.16');
    // 53.36 + 3.87 + 6.39, each part converted before summing
    expect(built.expected.presentment.totalPrice).toBe('63.62');
    const payments = built.order.transactions ?? [];
    expect(payments).toHaveLength(1);
    expect(payments[0]?.amountSet.presentmentMoney?.amount).toBe('63.62');
  });

  it('pays a gift card first and the rest on the default gateway', () => {
    const built = buildOrderCreateInput({ lines: [line], giftCardPayment: { amount: '20.00' } }, usdShop);
    expect(
      built.order.transactions?.map((payment) => [payment.gateway, payment.amountSet.shopMoney.amount]),
    ).toEqual([
      ['gift_card', '20.00'],
      ['shopify_payments', '42.21'],
    ]);
  });

  it('records a tip as a "Tip" line and leaves POS orders without addresses', () => {
    const address = {
      firstName: 'Ada',
      lastName: 'Quinn',
      address1: '1 Pine Street',
      city: 'Denver',
      zip: '80202',
      countryCode: 'US',
    };
    const built = buildOrderCreateInput(
      {
        lines: [line],
        tip: '3.00',
        pos: { locationId: 'gid://shopify/Location/2' },
        shippingAddress: address,
      },
      usdShop,
    );
    expect(built.order.lineItems?.at(-1)).toMatchObject({
      title: 'Tip',
      taxable: false,
      requiresShipping: false,
    });
    expect(built.order.shippingAddress).toBeUndefined();
    expect(built.order.billingAddress).toBeUndefined();
    expect(built.order).toMatchObject({ sourceName: 'pos', fulfillmentStatus: 'FULFILLED' });
    expect(built.order.transactions?.[0]).toMatchObject({
      gateway: 'cash',
      locationId: 'gid://shopify/Location/2',
    });
  });

  it('refuses contradictions with a message that names the fix', () => {
    expect(() =>
      buildOrderCreateInput(
        { lines: [line], financialStatus: 'PENDING', giftCardPayment: { amount: '5.00' } },
        usdShop,
      ),
    ).toThrow(/use financialStatus PAID or PARTIALLY_PAID/);
    expect(() => buildOrderCreateInput({ lines: [{ ...line, quantity: 0 }] }, usdShop)).toThrow(/quantity 0/);
    expect(() => buildOrderCreateInput({ lines: [] }, usdShop)).toThrow(/at least one product line/);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (delay) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running -= 1;
      return delay * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addOrderTags,
  cancelOrder,
  closeOrder,
  createOrder,
  editOrder,
  fulfillOrder,
  generateStore,
  markOrderAsPaid,
  readOrder,
  refundOrder,
  type CreateOrderRequest,
  type GeneratedStore,
  type GeneratedVariant,
  type OrderLineRequest,
  type ShopifyTarget,
} from '../../simulator/generator';
import { startShopifySimulator, type RunningSimulator } from '../../simulator';

let simulator: RunningSimulator;
let target: ShopifyTarget;
let store: GeneratedStore;

beforeAll(async () => {
  simulator = await startShopifySimulator({ throttle: 'unthrottled', seedDefaultLocation: false });
  target = { graphqlUrl: simulator.graphqlUrl, accessToken: simulator.accessToken, seedApi: simulator.store };
  // The catalog only: customers, locations, products and gift cards, no orders.
  store = await generateStore(target, { seed: 2024, orders: 0 });
});

afterAll(async () => {
  await simulator?.stop();
});

const location = (role: 'warehouse' | 'retail' | 'thirdParty') =>
  store.locations.find((candidate) => candidate.role === role)!;
const goods = (): GeneratedVariant[] => store.variants.filter((variant) => !variant.giftCard);
const lineOf = (variant: GeneratedVariant, quantity = 1): OrderLineRequest => ({
  variantId: variant.id,
  title: variant.productTitle,
  variantTitle: variant.title,
  sku: variant.sku,
  quantity,
  unitPrice: variant.price,
});
const customerWithAddress = () => store.customers.find((customer) => customer.addresses.length > 0)!;
const shipping = [{ title: 'Standard Shipping', code: 'STANDARD', source: 'shopify', price: '6.95' }];

function webOrder(overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  const customer = customerWithAddress();
  return {
    lines: [lineOf(goods()[0]!, 2), lineOf(goods()[5]!)],
    shippingLines: shipping,
    customer: { id: customer.id },
    email: customer.email,
    shippingAddress: customer.addresses[0]!,
    ...overrides,
  };
}

const money = (amount: string) => new Decimal(amount).toFixed(2);

describe('createOrder reads back as asked', () => {
  it('sells a gift card and takes a gift card payment', async () => {
    const card = store.giftCards[0]!;
    const order = await createOrder(
      target,
      webOrder({
        giftCardLines: [{ amount: '50.00' }],
        giftCardPayment: { amount: '40.00', ...(card.id ? { giftCardId: card.id } : {}) },
      }),
    );
    const snapshot = await readOrder(target, order.id);
    const giftCardLine = snapshot.lineItems.nodes.find((line) => line.id === order.giftCardLineItemIds[0]);
    expect(giftCardLine).toMatchObject({ isGiftCard: true, requiresShipping: false });
    const giftCardPayment = snapshot.transactions.find((transaction) => transaction.gateway === 'gift_card');
    expect(giftCardPayment).toMatchObject({ kind: 'SALE', status: 'SUCCESS' });
    expect(money(giftCardPayment!.amountSet.shopMoney.amount)).toBe('40.00');
    expect(snapshot.displayFinancialStatus).toBe('PAID');
    expect(money(snapshot.totalPriceSet.shopMoney.amount)).toBe(order.expected.shop.totalPrice);
    const paid = snapshot.transactions.reduce(
      (sum, transaction) => sum.plus(transaction.amountSet.shopMoney.amount),
      new Decimal(0),
    );
    expect(paid.toFixed(2)).toBe(order.expected.shop.totalPrice);
  });

  it('fulfils an order of gift cards only', async () => {
    const giftCardVariant = store.variants.find((variant) => variant.giftCard)!;
    const order = await createOrder(target, {
      lines: [],
      giftCardLines: [{ variantId: giftCardVariant.id, amount: giftCardVariant.price }],
      customer: { id: store.customers.find((customer) => customer.addresses.length === 0)!.id },
      fulfilled: true,
    });
    const snapshot = await readOrder(target, order.id);
    expect(order.traits.giftCardOnly).toBe(true);
    expect(snapshot.displayFulfillmentStatus).toBe('FULFILLED');
    expect(snapshot.shippingAddress).toBeNull();
  });

  it('makes a POS sale without any address, paid at the counter', async () => {
    const retail = location('retail');
    const order = await createOrder(target, {
      lines: [lineOf(goods()[1]!)],
      pos: { locationId: retail.id },
      customer: null,
    });
    const snapshot = await readOrder(target, order.id);
    expect(snapshot).toMatchObject({
      sourceName: 'pos',
      shippingAddress: null,
      billingAddress: null,
      customer: null,
    });
    expect(snapshot.displayFulfillmentStatus).toBe('FULFILLED');
    expect(snapshot.fulfillments[0]?.location?.id).toBe(retail.id);
    expect(snapshot.transactions[0]).toMatchObject({ gateway: 'cash', status: 'SUCCESS' });
  });

  it('records a tip as a "Tip" line without product or shipping', async () => {
    const order = await createOrder(target, {
      lines: [lineOf(goods()[1]!)],
      pos: { locationId: location('retail').id },
      tip: '2.50',
    });
    const snapshot = await readOrder(target, order.id);
    const tip = snapshot.lineItems.nodes.find((line) => line.id === order.tipLineItemId);
    expect(tip).toMatchObject({ title: 'Tip', variant: null, requiresShipping: false, isGiftCard: false });
    expect(money(snapshot.totalPriceSet.shopMoney.amount)).toBe(order.expected.shop.totalPrice);
  });

  it('charges a customer in EUR while the shop keeps USD books', async () => {
    const order = await createOrder(target, webOrder({ presentmentCurrency: 'EUR' }));
    const snapshot = await readOrder(target, order.id);
    expect(snapshot).toMatchObject({ currencyCode: 'USD', presentmentCurrencyCode: 'EUR' });
    expect(snapshot.totalPriceSet.presentmentMoney.currencyCode).toBe('EUR');
    expect(money(snapshot.totalPriceSet.shopMoney.amount)).toBe(order.expected.shop.totalPrice);
    expect(money(snapshot.totalPriceSet.presentmentMoney.amount)).toBe(order.expected.presentment.totalPrice);
    expect(snapshot.lineItems.nodes[0]?.originalUnitPriceSet.presentmentMoney).toEqual({
      amount: expect.any(String),
      currencyCode: 'EUR',
    });
    expect(money(snapshot.lineItems.nodes[0]!.originalUnitPriceSet.presentmentMoney.amount)).toBe(
      order.expected.presentment.unitPrices[0],
    );
  });

  it('carries a high risk assessment, mixed-case tags and a marketplace source', async () => {
    const order = await createOrder(
      target,
      webOrder({
        risk: 'HIGH',
        tags: ['VIP', 'wholesale'],
        sourceName: 'ebay',
        sourceIdentifier: '12-34567-89012',
      }),
    );
    const snapshot = await readOrder(target, order.id);
    expect(snapshot.risk.assessments.map((assessment) => assessment.riskLevel)).toContain('HIGH');
    expect([...snapshot.tags].sort()).toEqual(['VIP', 'wholesale']);
    expect(snapshot).toMatchObject({ sourceName: 'ebay', sourceIdentifier: '12-34567-89012' });
    expect(order.traits.channel).toBe('marketplace');
  });

  it('applies a fixed discount code over the lines and free shipping as a shipping discount', async () => {
    const fixed = await createOrder(
      target,
      webOrder({ discount: { kind: 'fixed', code: 'SAVE10', amount: '10.00' } }),
    );
    const fixedSnapshot = await readOrder(target, fixed.id);
    expect(fixedSnapshot.discountCodes).toEqual(['SAVE10']);
    expect(money(fixedSnapshot.totalDiscountsSet!.shopMoney.amount)).toBe('10.00');
    expect(money(fixedSnapshot.totalPriceSet.shopMoney.amount)).toBe(fixed.expected.shop.totalPrice);

    const free = await createOrder(
      target,
      webOrder({ discount: { kind: 'freeShipping', code: 'FREESHIP' } }),
    );
    const freeSnapshot = await readOrder(target, free.id);
    expect(money(freeSnapshot.totalShippingPriceSet.shopMoney.amount)).toBe('0.00');
    expect(money(freeSnapshot.totalPriceSet.shopMoney.amount)).toBe(free.expected.shop.totalPrice);
  });

  it('leaves a pending order unpaid until it is marked as paid', async () => {
    const order = await createOrder(target, webOrder({ financialStatus: 'PENDING' }));
    const before = await readOrder(target, order.id);
    expect(before.displayFinancialStatus).toBe('PENDING');
    expect(before.transactions).toEqual([]);
    expect(await markOrderAsPaid(target, order.id)).toBe('PAID');
    const after = await readOrder(target, order.id);
    expect(money(after.totalOutstandingSet.shopMoney.amount)).toBe('0.00');
  });

  it('creates a new customer with the order, shipping to the address given', async () => {
    const address = {
      firstName: 'Ines',
      lastName: 'Rossi',
      address1: '12 Quai de la Loire',
      city: 'Nantes',
      zip: '44000',
      countryCode: 'FR',
    };
    const order = await createOrder(
      target,
      webOrder({
        customer: {
          email: 'ines.rossi@example.org',
          firstName: 'Ines',
          lastName: 'Rossi',
          addresses: [address],
        },
        email: undefined,
        shippingAddress: undefined,
      }),
    );
    const snapshot = await readOrder(target, order.id);
    expect(snapshot.customer?.defaultEmailAddress?.emailAddress).toBe('ines.rossi@example.org');
    expect(snapshot.shippingAddress).toMatchObject({ countryCodeV2: 'FR', city: 'Nantes' });
    expect(order.traits).toMatchObject({ customer: 'withAddress', shippingCountry: 'FR' });
    const again = await createOrder(
      target,
      webOrder({ customer: { email: 'ines.rossi@example.org', addresses: [address] }, email: undefined }),
    );
    expect((await readOrder(target, again.id)).customer?.id).toBe(snapshot.customer?.id);
  });

  it('ships an order already fulfilled with tracking', async () => {
    const warehouse = location('warehouse');
    const order = await createOrder(
      target,
      webOrder({
        fulfilled: { locationId: warehouse.id, trackingCompany: 'UPS', trackingNumber: '1Z999AA10123456784' },
      }),
    );
    const snapshot = await readOrder(target, order.id);
    expect(snapshot.displayFulfillmentStatus).toBe('FULFILLED');
    expect(snapshot.fulfillments[0]).toMatchObject({
      location: { id: warehouse.id },
      trackingInfo: [{ company: 'UPS', number: '1Z999AA10123456784' }],
    });
  });
});

describe('scenario helpers change what Shopify would change', () => {
  it('edits an order: adds an item, changes a quantity and removes a line', async () => {
    const order = await createOrder(target, webOrder());
    const [doubled, removed] = order.lineItemIds;
    const added = goods()[7]!;
    const edited = await editOrder(target, order.id, [
      { kind: 'addVariant', variantId: added.id, quantity: 1 },
      { kind: 'setQuantity', lineItemId: doubled!, quantity: 3 },
      { kind: 'removeLine', lineItemId: removed! },
    ]);
    expect(edited.edited).toBe(true);
    const snapshot = await readOrder(target, order.id);
    const byId = new Map(snapshot.lineItems.nodes.map((line) => [line.id, line]));
    expect(byId.get(doubled!)).toMatchObject({ currentQuantity: 3 });
    expect(byId.get(removed!)).toMatchObject({ quantity: 1, currentQuantity: 0 });
    expect(
      snapshot.lineItems.nodes.some((line) => line.variant?.id === added.id && line.currentQuantity === 1),
    ).toBe(true);
    expect(snapshot.currentSubtotalLineItemsQuantity).toBe(4);
  });

  it('cancels a paid order, restocking and refunding it', async () => {
    const order = await createOrder(target, webOrder());
    const status = await cancelOrder(target, order.id, { reason: 'CUSTOMER', restock: true, refund: true });
    expect(status.cancelledAt).not.toBeNull();
    const snapshot = await readOrder(target, order.id);
    expect(snapshot.cancelReason).toBe('CUSTOMER');
    expect(money(snapshot.totalRefundedSet.shopMoney.amount)).toBe(order.expected.shop.totalPrice);
  });

  it('refunds returned goods and the shipping, back to the original payment', async () => {
    const order = await createOrder(
      target,
      webOrder({ fulfilled: { locationId: location('warehouse').id } }),
    );
    const refund = await refundOrder(target, order.id, {
      lines: [{ lineItemId: order.lineItemIds[0]!, quantity: 1, restockType: 'RETURN' }],
      shipping: { fullRefund: true },
      note: 'Wrong size',
    });
    const snapshot = await readOrder(target, order.id);
    expect(snapshot.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
    const [recorded] = snapshot.refunds;
    expect(recorded?.refundLineItems.nodes).toEqual([
      { quantity: 1, restockType: 'RETURN', lineItem: { id: order.lineItemIds[0] } },
    ]);
    expect(money(recorded!.refundShippingLines.nodes[0]!.subtotalAmountSet.shopMoney.amount)).toBe('6.95');
    // One unit at its price plus its share of the tax charged on top, and the shipping.
    const unit = new Decimal(order.expected.shop.unitPrices[0]!);
    const unitTax = new Decimal(order.expected.shop.lineTaxes[0]!).dividedBy(
      order.request.lines[0]!.quantity,
    );
    expect(refund.amount).toBe(unit.plus(unitTax).toDecimalPlaces(2).plus('6.95').toFixed(2));
    expect(money(snapshot.totalRefundedSet.shopMoney.amount)).toBe(refund.amount);
  });

  it('refunds goods without money when asked, writing them off', async () => {
    const order = await createOrder(target, webOrder());
    await refundOrder(target, order.id, {
      lines: [{ lineItemId: order.lineItemIds[1]!, quantity: 1, restockType: 'NO_RESTOCK' }],
      amount: 'none',
    });
    const snapshot = await readOrder(target, order.id);
    expect(snapshot.refunds[0]?.refundLineItems.nodes[0]).toMatchObject({ restockType: 'NO_RESTOCK' });
    expect(money(snapshot.totalRefundedSet.shopMoney.amount)).toBe('0.00');
  });

  it('fulfils part of an order, then the rest, with tracking', async () => {
    const order = await createOrder(target, webOrder());
    await fulfillOrder(target, order.id, { lines: [{ lineItemId: order.lineItemIds[0]!, quantity: 1 }] });
    expect((await readOrder(target, order.id)).displayFulfillmentStatus).toBe('PARTIALLY_FULFILLED');
    const created = await fulfillOrder(target, order.id, {
      tracking: { company: 'DHL Express', number: 'JD014600006281230704' },
    });
    expect(created.length).toBeGreaterThanOrEqual(1);
    const snapshot = await readOrder(target, order.id);
    expect(snapshot.displayFulfillmentStatus).toBe('FULFILLED');
    expect(snapshot.fulfillments.at(-1)?.trackingInfo).toEqual([
      { company: 'DHL Express', number: 'JD014600006281230704' },
    ]);
    await expect(fulfillOrder(target, order.id)).rejects.toThrow(/nothing open to fulfil/);
  });

  it('closes a paid and fulfilled order, and adds tags keeping their case', async () => {
    const order = await createOrder(
      target,
      webOrder({ fulfilled: { locationId: location('warehouse').id } }),
    );
    await addOrderTags(target, order.id, ['Exported', 'erp-ok']);
    expect(await closeOrder(target, order.id)).toMatchObject({ closed: true, closedAt: expect.any(String) });
    const snapshot = await readOrder(target, order.id);
    expect(snapshot.closed).toBe(true);
    expect(snapshot.tags).toEqual(expect.arrayContaining(['Exported', 'erp-ok']));
  });
});

describe('the scenario client under Shopify rate limits', () => {
  it('paces parallel writers by the cost bucket instead of failing on THROTTLED', async () => {
    const throttled = await startShopifySimulator({ throttle: { maximumAvailable: 60, restoreRate: 150 } });
    try {
      const throttledTarget: ShopifyTarget = {
        graphqlUrl: throttled.graphqlUrl,
        accessToken: throttled.accessToken,
        seedApi: throttled.store,
      };
      const product = throttled.store.addProduct({
        title: 'Wool Beanie',
        variants: [{ sku: 'WL-BEAN', price: '32.00' }],
      });
      const variantId = product.sim.variantIds[0]!;
      const orders = await Promise.all(
        Array.from({ length: 12 }, () =>
          createOrder(throttledTarget, {
            lines: [{ variantId, title: 'Wool Beanie', quantity: 1, unitPrice: '32.00' }],
            taxRate: '0',
          }),
        ),
      );
      // 12 orderCreate calls cost 120 points against a 60-point bucket: some had to wait, none failed.
      expect(new Set(orders.map((order) => order.name)).size).toBe(12);
      expect(throttled.stats().requestedCost).toBeGreaterThan(60);
      // Unpaced, half of the first burst would bounce and bounce again; paced, only a few strays do.
      expect(throttled.stats().throttled).toBeLessThanOrEqual(5);
    } finally {
      await throttled.stop();
    }
  });
});

describe('a target without the seeding API (as a real store is)', () => {
  it('follows the shop, and says what to do where it cannot', async () => {
    const bare: ShopifyTarget = { graphqlUrl: simulator.graphqlUrl, accessToken: simulator.accessToken };
    // This shop sells in USD (set by the generated store above); a real shop's currency cannot be switched.
    await expect(generateStore(bare, { seed: 1, orders: 1, currencyCode: 'NOK' })).rejects.toThrow(
      /sells in USD but the scenario asks for NOK: pass currencyCode USD/,
    );
    const fresh = await startShopifySimulator({ throttle: 'unthrottled' });
    try {
      const freshTarget: ShopifyTarget = { graphqlUrl: fresh.graphqlUrl, accessToken: fresh.accessToken };
      await expect(generateStore(freshTarget, { seed: 1, orders: 1 })).rejects.toThrow(
        /locationAdd with an empty payload .* pass the simulator's store as target.seedApi/,
      );
    } finally {
      await fresh.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type RunningSimulator } from '../../simulator';
import { createOrder, gql, gqlData, ORDER_CREATE, seedCatalog, startTestSimulator, usd } from './helpers';

const ORDER_FIELDS = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id
      legacyResourceId
      name
      createdAt
      updatedAt
      processedAt
      closed
      closedAt
      cancelledAt
      cancelReason
      displayFinancialStatus
      displayFulfillmentStatus
      returnStatus
      sourceName
      app {
        name
      }
      channelInformation {
        channelId
      }
      tags
      note
      customAttributes {
        key
        value
      }
      email
      phone
      poNumber
      currencyCode
      presentmentCurrencyCode
      taxesIncluded
      risk {
        recommendation
        assessments {
          riskLevel
        }
      }
      totalPriceSet {
        shopMoney {
          amount
          currencyCode
        }
        presentmentMoney {
          amount
          currencyCode
        }
      }
      subtotalPriceSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      totalTaxSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      totalDiscountsSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      totalShippingPriceSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      totalTipReceivedSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      currentTotalPriceSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      totalOutstandingSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      totalRefundedSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      netPaymentSet {
        shopMoney {
          amount
        }
        presentmentMoney {
          amount
        }
      }
      customer {
        id
        email
        phone
        firstName
        lastName
        defaultAddress {
          city
          countryCodeV2
        }
      }
      billingAddress {
        firstName
        lastName
        company
        address1
        city
        provinceCode
        zip
        countryCodeV2
      }
      shippingAddress {
        firstName
        lastName
        company
        address1
        city
        provinceCode
        zip
        countryCodeV2
      }
      taxLines {
        title
        rate
        ratePercentage
        priceSet {
          shopMoney {
            amount
          }
        }
      }
      lineItems(first: 10) {
        nodes {
          id
          title
          name
          sku
          quantity
          currentQuantity
          unfulfilledQuantity
          refundableQuantity
          isGiftCard
          requiresShipping
          variant {
            id
            sku
            barcode
            product {
              id
            }
          }
          originalUnitPriceSet {
            shopMoney {
              amount
            }
            presentmentMoney {
              amount
            }
          }
          discountedUnitPriceSet {
            shopMoney {
              amount
            }
          }
          totalDiscountSet {
            shopMoney {
              amount
            }
          }
          discountAllocations {
            allocatedAmountSet {
              shopMoney {
                amount
              }
            }
          }
          taxLines {
            rate
            ratePercentage
            title
            priceSet {
              shopMoney {
                amount
              }
              presentmentMoney {
                amount
              }
            }
          }
        }
      }
      shippingLines(first: 5) {
        nodes {
          title
          code
          source
          isRemoved
          originalPriceSet {
            shopMoney {
              amount
            }
          }
          discountedPriceSet {
            shopMoney {
              amount
            }
          }
          taxLines {
            rate
            priceSet {
              shopMoney {
                amount
              }
            }
          }
        }
      }
      transactions {
        id
        kind
        status
        gateway
        amountSet {
          shopMoney {
            amount
          }
          presentmentMoney {
            amount
          }
        }
        createdAt
        processedAt
        parentTransaction {
          id
        }
        paymentDetails {
          __typename
        }
      }
      fulfillmentOrders(first: 5) {
        nodes {
          id
          status
          assignedLocation {
            name
            location {
              id
            }
          }
          deliveryMethod {
            methodType
          }
          lineItems(first: 10) {
            nodes {
              id
              totalQuantity
              remainingQuantity
              lineItem {
                id
              }
            }
          }
        }
      }
      fulfillments {
        id
        status
        createdAt
        trackingInfo {
          company
          number
          url
        }
        location {
          id
        }
        fulfillmentLineItems(first: 10) {
          nodes {
            quantity
            lineItem {
              id
            }
          }
        }
      }
      refunds {
        id
      }
      returns(first: 5) {
        nodes {
          id
        }
      }
    }
  }
`;

describe('orderCreate and the order fields the connector reads', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  const clock = new ManualClock(Date.parse('2026-11-20T10:00:00.000Z'));
  beforeAll(async () => {
    simulator = await startTestSimulator({ clock, presentmentRates: { EUR: '0.5' } });
    simulator.store.setShop({ enabledPresentmentCurrencies: ['USD', 'EUR'] });
    catalog = seedCatalog(simulator);
  });
  afterAll(() => simulator.stop());

  it('creates a paid order with taxes, shipping, a discount and a new customer, every field resolving', async () => {
    const orderId = await createOrder(simulator, {
      email: 'ada@example.com',
      phone: '+4712345678',
      note: 'Leave at the door',
      poNumber: 'PO-77',
      tags: ['Wholesale', 'vip', 'wholesale'],
      sourceName: 'web',
      customAttributes: [{ key: 'gift', value: 'yes' }],
      currency: 'USD',
      presentmentCurrency: 'EUR',
      customer: {
        toUpsert: {
          email: 'ada@example.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          addresses: [{ city: 'London', country: 'GB' }],
        },
      },
      billingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'Engines',
        address1: '1 Road',
        city: 'London',
        zip: 'N1',
        countryCode: 'GB',
      },
      shippingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        address1: '1 Road',
        city: 'London',
        zip: 'N1',
        countryCode: 'GB',
        provinceCode: 'LND',
      },
      discountCode: { itemPercentageDiscountCode: { code: 'TEN', percentage: 10 } },
      lineItems: [
        { variantId: catalog.shirtM, quantity: 2, taxLines: [{ title: 'VAT', rate: '0.2' }] },
        {
          title: 'Engraving',
          quantity: 1,
          priceSet: usd('5.00'),
          requiresShipping: false,
          taxLines: [{ title: 'VAT', rate: '0.2' }],
        },
      ],
      shippingLines: [
        { title: 'Standard', code: 'STD', priceSet: usd('10.00'), taxLines: [{ title: 'VAT', rate: '0.2' }] },
      ],
      transactions: [
        { kind: 'SALE', status: 'SUCCESS', gateway: 'shopify_payments', amountSet: usd('58.80') },
      ],
    });
    const { order } = await gqlData(simulator, ORDER_FIELDS, { id: orderId });
    // 2 × 20 − 10 % = 36; engraving 5 − 10 % = 4.5; subtotal 40.5; tax 20 % of 40.5 + 10 = 10.1; total 60.6
    expect(order).toMatchObject({
      id: orderId,
      name: '#1001',
      closed: false,
      cancelledAt: null,
      displayFinancialStatus: 'PARTIALLY_PAID',
      displayFulfillmentStatus: 'UNFULFILLED',
      returnStatus: 'NO_RETURN',
      sourceName: 'web',
      app: { name: 'Online Store' },
      channelInformation: null,
      tags: ['Wholesale', 'vip'],
      note: 'Leave at the door',
      customAttributes: [{ key: 'gift', value: 'yes' }],
      email: 'ada@example.com',
      poNumber: 'PO-77',
      currencyCode: 'USD',
      presentmentCurrencyCode: 'EUR',
      taxesIncluded: false,
      risk: { recommendation: 'NONE', assessments: [] },
      subtotalPriceSet: { shopMoney: { amount: '40.5' }, presentmentMoney: { amount: '20.25' } },
      totalTaxSet: { shopMoney: { amount: '10.1' } },
      totalDiscountsSet: { shopMoney: { amount: '4.5' } },
      totalShippingPriceSet: { shopMoney: { amount: '10.0' } },
      totalPriceSet: {
        shopMoney: { amount: '60.6', currencyCode: 'USD' },
        presentmentMoney: { currencyCode: 'EUR' },
      },
      totalTipReceivedSet: { shopMoney: { amount: '0.0' } },
      totalOutstandingSet: { shopMoney: { amount: '1.8' } },
      netPaymentSet: { shopMoney: { amount: '58.8' } },
      customer: {
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        defaultAddress: { city: 'London' },
      },
      billingAddress: { company: 'Engines', countryCodeV2: 'GB' },
      shippingAddress: { provinceCode: 'LND', zip: 'N1' },
      taxLines: [
        { title: 'VAT', rate: 0.2, ratePercentage: 20, priceSet: { shopMoney: { amount: '10.1' } } },
      ],
    });
    expect(order.legacyResourceId).toBe(orderId.split('/').pop());
    const [shirt, engraving] = order.lineItems.nodes;
    expect(shirt).toMatchObject({
      title: 'T-Shirt',
      name: 'T-Shirt - M',
      sku: 'TSHIRT-M',
      quantity: 2,
      currentQuantity: 2,
      unfulfilledQuantity: 2,
      refundableQuantity: 2,
      isGiftCard: false,
      requiresShipping: true,
      variant: {
        id: catalog.shirtM,
        sku: 'TSHIRT-M',
        barcode: '1000001',
        product: { id: catalog.shirtProduct },
      },
      originalUnitPriceSet: { shopMoney: { amount: '20.0' }, presentmentMoney: { amount: '10.0' } },
      totalDiscountSet: { shopMoney: { amount: '4.0' } },
      discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: '4.0' } } }],
      taxLines: [
        {
          rate: 0.2,
          ratePercentage: 20,
          title: 'VAT',
          priceSet: { shopMoney: { amount: '7.2' }, presentmentMoney: { amount: '3.6' } },
        },
      ],
    });
    expect(engraving).toMatchObject({
      title: 'Engraving',
      variant: null,
      requiresShipping: false,
      sku: null,
    });
    expect(order.shippingLines.nodes).toEqual([
      {
        title: 'Standard',
        code: 'STD',
        source: 'shopify',
        isRemoved: false,
        originalPriceSet: { shopMoney: { amount: '10.0' } },
        discountedPriceSet: { shopMoney: { amount: '10.0' } },
        taxLines: [{ rate: 0.2, priceSet: { shopMoney: { amount: '2.0' } } }],
      },
    ]);
    expect(order.transactions).toMatchObject([
      {
        kind: 'SALE',
        status: 'SUCCESS',
        gateway: 'shopify_payments',
        amountSet: { shopMoney: { amount: '58.8' } },
        parentTransaction: null,
        paymentDetails: { __typename: 'CardPaymentDetails' },
      },
    ]);
    // Shipping and non-shipping lines land on separate fulfillment orders at the default location.
    expect(order.fulfillmentOrders.nodes).toHaveLength(2);
    expect(
      order.fulfillmentOrders.nodes.map(
        (node: { deliveryMethod: { methodType: string } }) => node.deliveryMethod.methodType,
      ),
    ).toEqual(['SHIPPING', 'NONE']);
    expect(order.fulfillmentOrders.nodes[0]).toMatchObject({
      status: 'OPEN',
      assignedLocation: { name: 'Shop location', location: { id: 'gid://shopify/Location/1' } },
      lineItems: { nodes: [{ totalQuantity: 2, remainingQuantity: 2, lineItem: { id: shirt.id } }] },
    });
    expect(order.fulfillments).toEqual([]);
    expect(Date.parse(order.updatedAt)).toBeGreaterThan(Date.parse(order.createdAt) - 1);
  });

  it('turns financialStatus into transactions, and fulfillmentStatus FULFILLED into a fulfillment with tracking', async () => {
    const orderId = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.mug, quantity: 3 }],
      financialStatus: 'PAID',
      fulfillmentStatus: 'FULFILLED',
      fulfillment: {
        locationId: 'gid://shopify/Location/1',
        trackingCompany: 'UPS',
        trackingNumber: '1Z999',
      },
    });
    const { order } = await gqlData(simulator, ORDER_FIELDS, { id: orderId });
    expect(order.displayFinancialStatus).toBe('PAID');
    expect(order.displayFulfillmentStatus).toBe('FULFILLED');
    expect(order.transactions).toMatchObject([
      { kind: 'SALE', status: 'SUCCESS', gateway: 'manual', amountSet: { shopMoney: { amount: '25.5' } } },
    ]);
    expect(order.fulfillments).toMatchObject([
      {
        status: 'SUCCESS',
        trackingInfo: [{ company: 'UPS', number: '1Z999', url: null }],
        location: { id: 'gid://shopify/Location/1' },
        fulfillmentLineItems: { nodes: [{ quantity: 3 }] },
      },
    ]);
    expect(order.fulfillmentOrders.nodes[0]).toMatchObject({
      status: 'CLOSED',
      lineItems: { nodes: [{ remainingQuantity: 0 }] },
    });
    expect(order.lineItems.nodes[0]).toMatchObject({ unfulfilledQuantity: 0, currentQuantity: 3 });
  });

  it('fulfils paid gift-card-only orders by itself and issues the cards', async () => {
    const orderId = await createOrder(simulator, {
      lineItems: [{ variantId: catalog.giftCard, quantity: 2 }],
      financialStatus: 'PAID',
    });
    const { order } = await gqlData(simulator, ORDER_FIELDS, { id: orderId });
    expect(order.displayFulfillmentStatus).toBe('FULFILLED');
    expect(order.lineItems.nodes[0]).toMatchObject({ isGiftCard: true, requiresShipping: false });
    const cards = await gqlData(
      simulator,
      '{ giftCards(first: 10) { nodes { initialValue { amount } order { id } } } }',
    );
    expect(
      cards.giftCards.nodes.filter((card: { order: { id: string } }) => card.order.id === orderId),
    ).toHaveLength(2);
  });

  it('numbers orders #1001, #1002, ... and moves updatedAt strictly forward even when the clock stands still', async () => {
    const first = await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    const second = await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    const data = await gqlData(
      simulator,
      'query($a: ID!, $b: ID!) { a: order(id: $a) { name updatedAt } b: order(id: $b) { name updatedAt } }',
      { a: first, b: second },
    );
    expect(Number(data.b.name.slice(1))).toBe(Number(data.a.name.slice(1)) + 1);
    expect(Date.parse(data.b.updatedAt)).toBeGreaterThan(Date.parse(data.a.updatedAt));
  });

  it('answers invalid input with userErrors, field paths and codes', async () => {
    const cases: [Record<string, unknown>, { field: string[]; code: string }][] = [
      [{ lineItems: [] }, { field: ['order', 'lineItems'], code: 'INVALID' }],
      [
        { lineItems: [{ variantId: 'gid://shopify/ProductVariant/999', quantity: 1 }] },
        { field: ['order', 'lineItems', '0', 'variantId'], code: 'INVALID' },
      ],
      [
        { lineItems: [{ variantId: catalog.mug, quantity: 0 }] },
        { field: ['order', 'lineItems', '0', 'quantity'], code: 'INVALID' },
      ],
      [
        { lineItems: [{ quantity: 1, title: 'Custom' }] },
        { field: ['order', 'lineItems', '0', 'priceSet'], code: 'INVALID' },
      ],
      [
        {
          lineItems: [{ variantId: catalog.mug, quantity: 1 }],
          customer: { toAssociate: { id: 'gid://shopify/Customer/999' } },
        },
        { field: ['order', 'customer', 'toAssociate'], code: 'INVALID' },
      ],
      [
        { lineItems: [{ variantId: catalog.mug, quantity: 1 }], processedAt: '2030-01-01T00:00:00Z' },
        { field: ['order', 'processedAt'], code: 'PROCESSED_AT_INVALID' },
      ],
    ];
    for (const [order, expected] of cases) {
      const answer = await gql(simulator, ORDER_CREATE, { order });
      expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
      const payload = (
        answer.body.data as {
          orderCreate: { order: unknown; userErrors: { field: string[]; code: string }[] };
        }
      ).orderCreate;
      expect(payload.order, JSON.stringify(order)).toBeNull();
      expect(payload.userErrors[0]).toMatchObject(expected);
    }
  });

  it('rounds discounts and taxes per line, then adds the lines up (as Shopify)', async () => {
    const mug = simulator.store.addProduct({
      title: 'Stoneware mug',
      variants: [{ sku: 'SM', price: '21.95' }],
    }).sim.variantIds[0]!;
    const orderId = await createOrder(simulator, {
      discountCode: { itemPercentageDiscountCode: { code: 'P15', percentage: 15 } },
      lineItems: [{ variantId: mug, quantity: 3, taxLines: [{ title: 'Tax', rate: '0.07' }] }],
      financialStatus: 'PAID',
    });
    const { order } = await gqlData(simulator, ORDER_FIELDS, { id: orderId });
    // 3 × 21.95 = 65.85; 15 % = 9.8775 → 9.88; subtotal 55.97; 7 % of it = 3.9179 → 3.92.
    expect(order.totalDiscountsSet.shopMoney.amount).toBe('9.88');
    expect(order.subtotalPriceSet.shopMoney.amount).toBe('55.97');
    expect(order.totalTaxSet.shopMoney.amount).toBe('3.92');
    expect(order.totalPriceSet.shopMoney.amount).toBe('59.89');
    expect(order.displayFinancialStatus).toBe('PAID');
  });

  it('honours taxesIncluded: the tax is the included share, the total does not grow', async () => {
    const orderId = await createOrder(simulator, {
      taxesIncluded: true,
      lineItems: [
        {
          variantId: catalog.shirtL,
          quantity: 1,
          priceSet: usd('25.00'),
          taxLines: [{ title: 'MVA', rate: '0.25' }],
        },
      ],
    });
    const { order } = await gqlData(simulator, ORDER_FIELDS, { id: orderId });
    expect(order.totalPriceSet.shopMoney.amount).toBe('25.0');
    expect(order.totalTaxSet.shopMoney.amount).toBe('5.0');
    expect(order.taxesIncluded).toBe(true);
  });
});

describe('gift cards', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startTestSimulator();
  });
  afterAll(() => simulator.stop());

  it('creates a gift card, and a gift-card payment takes its amount off the balance', async () => {
    const created = await gqlData(
      simulator,
      `mutation { giftCardCreate(input: { initialAmount: { amount: "50.00", currencyCode: USD }, code: "ABCD1234EFGH" }) {
        giftCard { id lastCharacters initialValue { amount } balance { amount } } giftCardCode userErrors { field message code } } }`,
    );
    expect(created.giftCardCreate).toMatchObject({
      giftCard: { lastCharacters: 'EFGH', initialValue: { amount: '50.0' } },
      giftCardCode: 'ABCD1234EFGH',
      userErrors: [],
    });
    const giftCardId = created.giftCardCreate.giftCard.id;
    const duplicate = await gqlData(
      simulator,
      `mutation { giftCardCreate(input: { initialAmount: { amount: "5.00", currencyCode: USD }, code: "ABCD1234EFGH" }) { userErrors { code } } }`,
    );
    expect(duplicate.giftCardCreate.userErrors).toEqual([{ code: 'TAKEN' }]);
    const mug = simulator.store.addProduct({ title: 'Mug', variants: [{ price: '30.00' }] }).sim
      .variantIds[0]!;
    await createOrder(simulator, {
      lineItems: [{ variantId: mug, quantity: 1 }],
      transactions: [
        { kind: 'SALE', gateway: 'gift_card', amountSet: usd('20.00'), giftCardId },
        { kind: 'SALE', gateway: 'shopify_payments', amountSet: usd('10.00') },
      ],
    });
    const card = await gqlData(simulator, 'query($id: ID!) { giftCard(id: $id) { balance { amount } } }', {
      id: giftCardId,
    });
    expect(card.giftCard.balance.amount).toBe('30.0');
  });
});

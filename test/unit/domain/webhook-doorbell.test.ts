import { describe, expect, it } from 'vitest';
import { readDoorbell } from '../../../domain/webhook-doorbell';
import { routeOrderWebhook, type WebhookShopCard } from '../../../domain/webhook-routing';

describe('readDoorbell', () => {
  it('takes the order id and updated_at of an order topic, nothing else', () => {
    const reading = readDoorbell('orders/updated', {
      id: 820982911946154500,
      admin_graphql_api_id: 'gid://shopify/Order/5512',
      updated_at: '2026-12-07T10:00:00-05:00',
      email: 'someone@example.com',
    });
    expect(reading).toEqual({
      readable: true,
      doorbell: {
        kind: 'order-changed',
        shopifyOrderId: 'gid://shopify/Order/5512',
        shopifyUpdatedAt: '2026-12-07T15:00:00.000Z',
      },
    });
  });

  it('names the order of an edit, a refund and a fulfillment', () => {
    expect(
      readDoorbell('orders/edited', { order_edit: { order_id: 7, committed_at: '2026-12-07T10:00:00Z' } }),
    ).toMatchObject({ doorbell: { shopifyOrderId: 'gid://shopify/Order/7' } });
    expect(
      readDoorbell('refunds/create', { id: 1, order_id: 8, created_at: '2026-12-07T10:00:00Z' }),
    ).toMatchObject({ doorbell: { shopifyOrderId: 'gid://shopify/Order/8' } });
    expect(
      readDoorbell('fulfillments/update', { id: 1, order_id: 9, updated_at: '2026-12-07T10:00:00Z' }),
    ).toMatchObject({ doorbell: { shopifyOrderId: 'gid://shopify/Order/9' } });
  });

  it('reads the privacy topics down to customer and order ids', () => {
    expect(
      readDoorbell('customers/redact', {
        shop_domain: 'x.myshopify.com',
        customer: { id: 191167, email: 'john@example.com', phone: '555-625-1199' },
        orders_to_redact: [299938, 280263],
      }),
    ).toEqual({
      readable: true,
      doorbell: {
        kind: 'customers-redact',
        shopifyCustomerId: 'gid://shopify/Customer/191167',
        shopifyOrderIds: ['gid://shopify/Order/299938', 'gid://shopify/Order/280263'],
      },
    });
    expect(readDoorbell('shop/redact', { shop_id: 1 })).toEqual({
      readable: true,
      doorbell: { kind: 'shop-redact' },
    });
  });

  it('refuses bodies without what the topic needs, and unknown topics', () => {
    expect(readDoorbell('orders/create', { id: 5 }).readable).toBe(false);
    expect(readDoorbell('orders/create', { id: 'abc', updated_at: '2026-12-07T10:00:00Z' }).readable).toBe(
      false,
    );
    expect(readDoorbell('customers/redact', { customer: {} }).readable).toBe(false);
    expect(readDoorbell('products/update', { id: 1 }).readable).toBe(false);
    expect(readDoorbell('orders/create', [1, 2]).readable).toBe(false);
  });
});

describe('routeOrderWebhook', () => {
  const card = (code: string, changes: Partial<WebhookShopCard> = {}): WebhookShopCard => ({
    code,
    enabled: true,
    hasOrderSyncFilters: false,
    ...changes,
  });

  it('wakes the workflow for the only enabled card without filters', () => {
    expect(routeOrderWebhook([card('WEB'), card('OLD', { enabled: false })], undefined)).toEqual({
      route: 'workflow',
      shopCode: 'WEB',
    });
  });

  it('keeps an owned order with its card, whatever the other cards', () => {
    expect(routeOrderWebhook([card('WEB'), card('POS', { hasOrderSyncFilters: true })], 'POS')).toEqual({
      route: 'workflow',
      shopCode: 'POS',
    });
    expect(routeOrderWebhook([card('WEB'), card('POS', { enabled: false })], 'POS').route).toBe('order-sync');
  });

  it('leaves a new order to the order sync when filters or several cards decide', () => {
    expect(routeOrderWebhook([card('WEB', { hasOrderSyncFilters: true })], undefined).route).toBe(
      'order-sync',
    );
    expect(routeOrderWebhook([card('WEB'), card('POS')], undefined).route).toBe('order-sync');
    expect(routeOrderWebhook([card('WEB', { enabled: false })], undefined).route).toBe('order-sync');
  });
});

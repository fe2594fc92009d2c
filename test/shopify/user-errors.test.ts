import { describe, expect, it } from 'vitest';
import { ShopifyUserErrors } from '../../shopify/errors';
import { acceptedPayload } from '../../shopify/user-errors';

const context = { shopDomain: 'acme.myshopify.com', operationName: 'FulfillmentOrderMove' };

describe('mutation userErrors', () => {
  it('passes an accepted payload through', () => {
    const payload = { userErrors: [], movedFulfillmentOrder: { id: 'gid://shopify/FulfillmentOrder/1' } };
    expect(acceptedPayload(context, payload)).toBe(payload);
  });

  it('lists every field path, message and code, and names what the call was about', () => {
    const payload = {
      userErrors: [
        { field: ['id'], message: 'Fulfillment order is closed', code: 'FULFILLMENT_ORDER_CLOSED' },
        {
          field: ['fulfillmentOrderLineItems', '0', 'quantity'],
          message: 'Quantity is too large',
          code: null,
        },
        { field: null, message: 'Location does not stock the item' },
      ],
    };
    let thrown: unknown;
    try {
      acceptedPayload(context, payload, 'order #1001');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ShopifyUserErrors);
    const userErrors = thrown as ShopifyUserErrors;
    expect(userErrors.retryable).toBe(false);
    expect(userErrors.userErrors).toEqual([
      { field: ['id'], message: 'Fulfillment order is closed', code: 'FULFILLMENT_ORDER_CLOSED' },
      { field: ['fulfillmentOrderLineItems', '0', 'quantity'], message: 'Quantity is too large', code: null },
      { field: null, message: 'Location does not stock the item', code: null },
    ]);
    expect(userErrors.message).toBe(
      'Shopify refused FulfillmentOrderMove for order #1001 on acme.myshopify.com: ' +
        'id: Fulfillment order is closed (FULFILLMENT_ORDER_CLOSED); ' +
        'fulfillmentOrderLineItems.0.quantity: Quantity is too large; Location does not stock the item',
    );
  });

  it('treats a missing payload as refused', () => {
    expect(() => acceptedPayload(context, null)).toThrow(ShopifyUserErrors);
  });
});

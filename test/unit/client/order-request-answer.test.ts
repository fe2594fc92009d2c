import { describe, expect, it } from 'vitest';
import { describeOrderAnswer } from '../../../temporal/order-request-answer';
import type { OrderStatus } from '../../../workflows/messages';

const status = (overrides: Partial<OrderStatus> = {}): OrderStatus => ({
  store: 'acme.myshopify.com',
  shopifyOrderId: 'gid://shopify/Order/1',
  orderName: '#1001',
  stage: 'imported',
  hasError: false,
  problems: [],
  imports: 1,
  ...overrides,
});

describe('describeOrderAnswer', () => {
  it('a document attempt: created, or still blocked with the problem and its fix', () => {
    const document = { documentType: 'order' as const, documentNo: 'SO0001', status: 'open' as const };
    expect(describeOrderAnswer('#1001', { steps: ['document'], status: status({ document }) })).toEqual([
      'Order #1001: document created: sales order SO0001 (open).',
    ]);
    const problem = {
      code: 'ITEM_NOT_MAPPED' as const,
      severity: 'error' as const,
      orderName: '#1001',
      field: 'lines.0',
      message: 'Order #1001: SKU X is not mapped: map it with `orderbridge map item`',
      fix: 'map it with `orderbridge map item`',
    };
    const blocked = status({ stage: 'needs-attention', hasError: true, problems: [problem] });
    expect(describeOrderAnswer('#1001', { steps: ['document'], status: blocked })).toEqual([
      'Order #1001: still blocked by ITEM_NOT_MAPPED.',
      `  ERROR: ${problem.message}`,
    ]);
  });

  it('a close check: closed, or what it waits for', () => {
    const closed = status({ stage: 'closed', closing: { state: 'closed', reasons: [], archived: true } });
    expect(describeOrderAnswer('#1001', { steps: ['close'], status: closed })).toEqual([
      'Order #1001: closed (document archived).',
    ]);
    const waiting = status({
      closing: { state: 'waiting', reasons: ['Shopify: not paid', 'ERP: not shipped'] },
    });
    expect(describeOrderAnswer('#1001', { steps: ['close'], status: waiting })).toEqual([
      'Order #1001: not closable yet: Shopify: not paid; ERP: not shipped.',
    ]);
  });

  it('shipments sent again, then the close check', () => {
    const answer = {
      steps: ['ship' as const, 'close' as const],
      status: status({
        shipments: [
          {
            shipmentId: 4,
            shipmentNo: 'SHP4',
            status: 'fulfilled' as const,
            shopifyFulfillmentIds: [],
            needsAttention: false,
          },
        ],
        closing: { state: 'waiting' as const, reasons: ['ERP: not invoiced'] },
      }),
    };
    expect(describeOrderAnswer('#1001', answer)).toEqual([
      'Order #1001: shipment SHP4: fulfilled.',
      'Order #1001: not closable yet: ERP: not invoiced.',
    ]);
  });

  it('nothing run: says where the order stands', () => {
    expect(describeOrderAnswer('#1001', { steps: [], status: status() })).toEqual([
      'Order #1001: nothing to do; it is imported.',
    ]);
  });
});

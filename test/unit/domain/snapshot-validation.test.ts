import { describe, expect, it } from 'vitest';
import type { OrderSnapshot } from '../../../domain/order-snapshot';
import { validateOrderSnapshot } from '../../../domain/snapshot-validation';
import { bag, line, snapshot } from './order-snapshot-fixture';

describe('validateOrderSnapshot', () => {
  it('accepts the fixture order', () => {
    expect(validateOrderSnapshot(snapshot())).toEqual([]);
  });

  it('accepts money bags under a key named amount (transactions, discount allocations)', () => {
    const withMoney = snapshot({
      lines: [line(1, { discountAllocations: [{ amount: bag('5.00') }] })],
      transactions: [
        {
          shopifyTransactionId: 'gid://shopify/OrderTransaction/1',
          kind: 'SALE',
          status: 'SUCCESS',
          gateway: null,
          formattedGateway: null,
          amount: bag('186.25'),
          parentTransactionId: null,
          createdAt: '2026-11-20T10:00:00Z',
          processedAt: null,
          test: false,
          errorCode: null,
        },
      ],
    });
    expect(validateOrderSnapshot(withMoney)).toEqual([]);
    const broken = {
      ...withMoney,
      transactions: [{ ...withMoney.transactions[0], amount: bag('1,5') }],
    } as OrderSnapshot;
    expect(validateOrderSnapshot(broken).map((problem) => problem.field)).toEqual([
      'transactions[0].amount.shop.amount',
      'transactions[0].amount.presentment.amount',
    ]);
  });

  it('finds a float amount deep inside and names its path', () => {
    const broken = snapshot({
      lines: [
        line(1, {
          originalUnitPrice: {
            ...bag('1.00'),
            shop: { amount: 12.5 as unknown as string, currencyCode: 'NOK' },
          },
        }),
      ],
    });
    const problems = validateOrderSnapshot(broken);
    expect(problems.map((problem) => problem.field)).toEqual(['lines[0].originalUnitPrice.shop.amount']);
    expect(problems[0]?.message).toContain('Order #1004');
  });

  it('reports every problem at once', () => {
    const broken = {
      ...snapshot({ lines: [line(1), line(1, { quantity: -1 })] }),
      snapshotVersion: 2,
      shopifyOrderId: '1004',
    } as unknown as OrderSnapshot;
    expect(validateOrderSnapshot(broken).map((problem) => problem.field)).toEqual([
      'snapshotVersion',
      'shopifyOrderId',
      'lines[1].shopifyLineId',
      'lines[1].quantity',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  blockingProblems,
  formatProblems,
  OrderProblems,
  OrderProblemsError,
  type OrderProblem,
} from '../../../domain/order-problems';

const samples: OrderProblem[] = [
  OrderProblems.shopNotFound('#1', 'WEB'),
  OrderProblems.shopDisabled('#1', 'WEB'),
  OrderProblems.orderNotImported('#1'),
  OrderProblems.claimedByOtherShop('#1', 'WEB', 'POS'),
  OrderProblems.orderCancelled('#1', '2026-11-01T00:00:00Z'),
  OrderProblems.orderArchived('#1'),
  OrderProblems.cancelledBeforeDocument('#1', '2026-11-01T00:00:00Z'),
  OrderProblems.snapshotInvalid('#1', 'lines[0].originalUnitPrice.shop', 'not a decimal'),
  OrderProblems.customerNotFound('#1', 'no match'),
  OrderProblems.customerAddressMissing('#1'),
  OrderProblems.customerTemplateMissing('#1', 'WEB', 'NO'),
  OrderProblems.itemNotMapped('#1', 0, { sku: null, variantId: null, title: 'Custom engraving' }),
  OrderProblems.locationNotMapped('#1', 0, 'WEB', 'gid://shopify/Location/1'),
  OrderProblems.shipmentMethodNotMapped('#1', 'WEB', 'Express'),
  OrderProblems.currencyNotSetUp('#1', 'EUR', 'currencyCode'),
  OrderProblems.exchangeRateMissing('#1', 'EUR', '2026-11-20'),
  OrderProblems.accountNotSet('#1', 'WEB', 'soldGiftCardAccountNo', 'a line sells a gift card'),
  OrderProblems.taxAreaNotFound('#1', 'shipTo', 'US', 'CA'),
  OrderProblems.documentConflict('#1', 'line added after S-ORD1 was released', 'update S-ORD1 by hand'),
];

describe('OrderProblems', () => {
  it.each(samples.map((problem) => [problem.code, problem]))(
    '%s names the order, says what and how to fix',
    (_code, problem) => {
      expect(problem.message.startsWith('Order #1: ')).toBe(true);
      expect(problem.message.endsWith(problem.fix)).toBe(true);
      expect(problem.field.length).toBeGreaterThan(0);
      expect(problem.fix.length).toBeGreaterThan(10);
    },
  );

  it('says so when a custom line without a variant cannot be mapped', () => {
    const problem = OrderProblems.itemNotMapped('#1', 2, {
      sku: null,
      variantId: null,
      title: 'Custom engraving',
    });
    expect(problem.message).toContain("line 'Custom engraving' (no variant, no SKU) is not mapped");
  });

  it('keeps warnings apart from blocking errors', () => {
    expect(blockingProblems(samples).map((problem) => problem.code)).not.toContain(
      'SHIPMENT_METHOD_NOT_MAPPED',
    );
    expect(blockingProblems(samples).map((problem) => problem.code)).toContain('ITEM_NOT_MAPPED');
  });

  it('carries every problem in the error, one line each', () => {
    const error = new OrderProblemsError(samples.slice(0, 2));
    expect(error.name).toBe('OrderProblemsError');
    expect(error.problems).toHaveLength(2);
    expect(error.message).toBe(formatProblems(samples.slice(0, 2)));
    expect(error.message.split('\n')).toHaveLength(2);
    expect(error.message).toMatch(/^\[SHOP_NOT_FOUND\] Order #1: /);
  });
});

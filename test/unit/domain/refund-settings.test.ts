import { describe, expect, it } from 'vitest';
import {
  creditMemoMode,
  importsRefunds,
  refundProcessCombinationProblem,
} from '../../../domain/refund-settings';
import { RETURN_REFUND_PROCESSES } from '../../../domain/shop-settings';

describe('refundProcessCombinationProblem (SPEC §1: auto credit memo needs auto create orders)', () => {
  it('accepts every combination but auto_credit_memo without auto create orders', () => {
    for (const returnRefundProcess of RETURN_REFUND_PROCESSES) {
      for (const autoCreateOrders of [true, false]) {
        const problem = refundProcessCombinationProblem({ returnRefundProcess, autoCreateOrders }, [
          'returnRefundProcess',
        ]);
        expect(problem === null).toBe(returnRefundProcess !== 'auto_credit_memo' || autoCreateOrders);
      }
    }
  });

  it('refuses turning on auto credit memo without auto create orders, speaking of the refund setting', () => {
    expect(
      refundProcessCombinationProblem({ returnRefundProcess: 'auto_credit_memo', autoCreateOrders: false }, [
        'returnRefundProcess',
      ]),
    ).toBe('returnRefundProcess: auto_credit_memo requires autoCreateOrders (SPEC §1)');
  });

  it('refuses turning auto create orders off under auto credit memo, speaking of auto create orders', () => {
    const problem = refundProcessCombinationProblem(
      { returnRefundProcess: 'auto_credit_memo', autoCreateOrders: false },
      ['autoCreateOrders'],
    );
    expect(problem).toMatch(
      /^autoCreateOrders: cannot be turned off while returnRefundProcess is auto_credit_memo/,
    );
    expect(problem).toContain('set returnRefundProcess to import_only first');
  });

  it('when both change at once it names the refund setting', () => {
    expect(
      refundProcessCombinationProblem({ returnRefundProcess: 'auto_credit_memo', autoCreateOrders: false }, [
        'autoCreateOrders',
        'returnRefundProcess',
      ]),
    ).toMatch(/^returnRefundProcess:/);
  });
});

describe('creditMemoMode', () => {
  it('automatic only with auto_credit_memo and auto create orders', () => {
    expect(creditMemoMode({ returnRefundProcess: 'auto_credit_memo', autoCreateOrders: true })).toEqual({
      mode: 'automatic',
    });
  });

  it('import_only waits for the operator; blank ignores refunds', () => {
    expect(creditMemoMode({ returnRefundProcess: 'import_only', autoCreateOrders: true })).toEqual({
      mode: 'operator',
    });
    expect(creditMemoMode({ returnRefundProcess: 'none', autoCreateOrders: true })).toEqual({
      mode: 'ignored',
    });
    expect(importsRefunds({ returnRefundProcess: 'none' })).toBe(false);
    expect(importsRefunds({ returnRefundProcess: 'import_only' })).toBe(true);
  });

  it('an inconsistent card (written around the checks) never creates memos by itself', () => {
    expect(creditMemoMode({ returnRefundProcess: 'auto_credit_memo', autoCreateOrders: false })).toEqual({
      mode: 'operator',
      invalidSettings: true,
    });
  });
});

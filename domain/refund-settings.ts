import type { ReturnRefundProcess } from './shop-settings';

/**
 * The shop card's returnRefundProcess (SPEC §1): blank ignores refunds and returns,
 * import_only imports them and leaves credit memos to the operator, auto_credit_memo creates one
 * per refund by itself, which needs auto create orders (the memo is made from the order's document).
 */
export interface RefundProcessSettings {
  returnRefundProcess: ReturnRefundProcess;
  autoCreateOrders: boolean;
}

/** Which of the two settings a change touched, so the refusal speaks about the one being changed. */
export type RefundProcessChange = 'returnRefundProcess' | 'autoCreateOrders';

/**
 * The refusal for auto_credit_memo without auto create orders, worded for the side being changed;
 * null when the combination is fine.
 */
export function refundProcessCombinationProblem(
  settings: RefundProcessSettings,
  changed: readonly RefundProcessChange[],
): string | null {
  if (settings.returnRefundProcess !== 'auto_credit_memo' || settings.autoCreateOrders) return null;
  if (changed.includes('autoCreateOrders') && !changed.includes('returnRefundProcess')) {
    return (
      'autoCreateOrders: cannot be turned off while returnRefundProcess is auto_credit_memo, which creates ' +
      'credit memos from the sales documents it makes; set returnRefundProcess to import_only first (SPEC §1)'
    );
  }
  return 'returnRefundProcess: auto_credit_memo requires autoCreateOrders (SPEC §1)';
}

/** What happens to a refund that becomes a credit memo, by the shop card's settings. */
export type CreditMemoMode =
  | { mode: 'automatic' }
  | { mode: 'operator' }
  /** The card says automatic but cannot be (settings written around the checks): wait for an operator. */
  | { mode: 'operator'; invalidSettings: true }
  | { mode: 'ignored' };

export function creditMemoMode(settings: RefundProcessSettings): CreditMemoMode {
  switch (settings.returnRefundProcess) {
    case 'none':
      return { mode: 'ignored' };
    case 'import_only':
      return { mode: 'operator' };
    case 'auto_credit_memo':
      return settings.autoCreateOrders ? { mode: 'automatic' } : { mode: 'operator', invalidSettings: true };
  }
}

/** Blank means the shop ignores refunds and returns: they are not imported into ERP tables. */
export function importsRefunds(settings: Pick<RefundProcessSettings, 'returnRefundProcess'>): boolean {
  return settings.returnRefundProcess !== 'none';
}

/**
 * Why a refund has no credit memo (yet), typed like the order's problems: each names the order,
 * the refund, the field at fault and the command or setting that fixes it. Pure: workflows import it.
 */

export type RefundProblemCode =
  | 'REFUND_NOT_IMPORTED'
  | 'REFUND_NOT_CREDITABLE'
  | 'REFUND_PROCESS_OFF'
  | 'REFUND_SETTINGS_INVALID'
  | 'ORDER_DOCUMENT_MISSING'
  | 'ACCOUNT_NOT_SET'
  | 'RETURN_LOCATION_NOT_SET'
  | 'ITEM_NOT_MAPPED'
  | 'ORDER_LINE_UNKNOWN'
  | 'TAX_DIFFERENCE';

/** `error` blocks the credit memo; `warning` is shown beside it. */
export type RefundProblemSeverity = 'error' | 'warning';

export interface RefundProblem {
  code: RefundProblemCode;
  severity: RefundProblemSeverity;
  orderName: string;
  /** Refund GID. */
  shopifyRefundId: string;
  field: string;
  /** A full sentence: the order and refund, what is wrong, and how to fix it. */
  message: string;
  fix: string;
}

/** The refund's number as people see it in Shopify's admin and type on the command line. */
export function refundNumber(shopifyRefundId: string): string {
  return shopifyRefundId.slice(shopifyRefundId.lastIndexOf('/') + 1);
}

export interface RefundRef {
  orderName: string;
  shopifyRefundId: string;
}

function problem(
  code: RefundProblemCode,
  ref: RefundRef,
  field: string,
  what: string,
  fix: string,
  severity: RefundProblemSeverity = 'error',
): RefundProblem {
  return {
    code,
    severity,
    orderName: ref.orderName,
    shopifyRefundId: ref.shopifyRefundId,
    field,
    message: `Order ${ref.orderName}, refund ${refundNumber(ref.shopifyRefundId)}: ${what}: ${fix}`,
    fix,
  };
}

export type RefundAccountSetting =
  'refundAccountNo' | 'refundAccountNonRestockNo' | 'shippingChargesAccountNo' | 'soldGiftCardAccountNo';

const ACCOUNT_FLAGS: Record<RefundAccountSetting, { label: string; flag: string }> = {
  refundAccountNo: { label: 'refund account', flag: '--refund-account' },
  refundAccountNonRestockNo: {
    label: 'refund account for non-restocked items',
    flag: '--refund-account-non-restock',
  },
  shippingChargesAccountNo: { label: 'shipping charges account', flag: '--shipping-charges-account' },
  soldGiftCardAccountNo: { label: 'sold gift card account', flag: '--sold-gift-card-account' },
};

export const RefundProblems = {
  notImported(ref: RefundRef): RefundProblem {
    return problem(
      'REFUND_NOT_IMPORTED',
      ref,
      'shopifyRefundId',
      'the refund is not in the ERP',
      'import its order again (`orderbridge order retry <order>`) through a shop card whose returnRefundProcess is not blank',
    );
  },

  notCreditable(ref: RefundRef): RefundProblem {
    return problem(
      'REFUND_NOT_CREDITABLE',
      ref,
      'totalRefunded',
      'the refund paid nothing back and returned nothing, so the order import already took it as an edit of the order',
      'nothing to credit; change the sales document by hand if it should bill less',
    );
  },

  processOff(ref: RefundRef, shopCode: string): RefundProblem {
    return problem(
      'REFUND_PROCESS_OFF',
      ref,
      'shop.returnRefundProcess',
      `shop card '${shopCode}' ignores returns and refunds (its returnRefundProcess is blank)`,
      `set returnRefundProcess to import_only or auto_credit_memo with \`orderbridge shop set ${shopCode}\``,
    );
  },

  settingsInvalid(ref: RefundRef, shopCode: string): RefundProblem {
    return problem(
      'REFUND_SETTINGS_INVALID',
      ref,
      'shop.returnRefundProcess',
      `shop card '${shopCode}' says auto create credit memo but not auto create orders, which it needs, so no credit memo is made by itself`,
      `turn on \`orderbridge shop set ${shopCode} --auto-create-orders true\`, or create the memo with \`orderbridge refund credit-memo ${refundNumber(ref.shopifyRefundId)}\``,
    );
  },

  orderDocumentMissing(ref: RefundRef): RefundProblem {
    return problem(
      'ORDER_DOCUMENT_MISSING',
      ref,
      'order.document',
      'the order has no sales order or invoice yet, and a credit memo takes its customer and currency from it',
      `create it first (\`orderbridge order create-document ${ref.orderName.replace(/^#/, '')}\`); the credit memo follows`,
    );
  },

  accountNotSet(ref: RefundRef, shopCode: string, setting: RefundAccountSetting, why: string): RefundProblem {
    const { label, flag } = ACCOUNT_FLAGS[setting];
    return problem(
      'ACCOUNT_NOT_SET',
      ref,
      `shop.${setting}`,
      `${why}, but shop card '${shopCode}' has no ${label}`,
      `set it with \`orderbridge shop set ${shopCode} ${flag} <account no.>\``,
    );
  },

  returnLocationNotSet(ref: RefundRef, shopCode: string, lineName: string): RefundProblem {
    return problem(
      'RETURN_LOCATION_NOT_SET',
      ref,
      'shop.returnLocationCode',
      `'${lineName}' was restocked, but shop card '${shopCode}' has no return location`,
      `set it with \`orderbridge shop set ${shopCode} --return-location <location code>\``,
    );
  },

  itemNotMapped(ref: RefundRef, lineName: string, sku: string | null): RefundProblem {
    return problem(
      'ITEM_NOT_MAPPED',
      ref,
      'lines.itemNo',
      `restocked line '${lineName}'${sku ? ` (SKU ${sku})` : ''} has no ERP item`,
      `map it with \`orderbridge map item\`, then \`orderbridge order retry ${ref.orderName.replace(/^#/, '')}\``,
    );
  },

  orderLineUnknown(ref: RefundRef, shopifyLineId: string): RefundProblem {
    return problem(
      'ORDER_LINE_UNKNOWN',
      ref,
      'lines.shopifyLineId',
      `it refunds order line ${shopifyLineId}, which the imported order does not have`,
      `import the order again with \`orderbridge order retry ${ref.orderName.replace(/^#/, '')}\``,
    );
  },

  taxDifference(ref: RefundRef, isoCode: string, shopifyTax: string, erpTax: string): RefundProblem {
    return problem(
      'TAX_DIFFERENCE',
      ref,
      'taxAmount',
      `Shopify refunded ${shopifyTax} ${isoCode} of tax but the ERP computes ${erpTax}; the difference is booked on the refund account so the memo matches the refund`,
      "check the ERP tax area of the order's sales document",
      'warning',
    );
  },
};

export function blockingRefundProblems(problems: readonly RefundProblem[]): RefundProblem[] {
  return problems.filter((entry) => entry.severity === 'error');
}

export class RefundProblemsError extends Error {
  constructor(readonly problems: readonly RefundProblem[]) {
    super(problems.map((entry) => entry.message).join('\n'));
    this.name = 'RefundProblemsError';
  }
}

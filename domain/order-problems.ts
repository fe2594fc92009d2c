/**
 * Business failures of one order, typed so the workflow can show them, set has-error and wait for
 * the fix (a mapping added, a rate entered, an operator signal). Each problem names the order, the
 * field at fault and the command or setting that fixes it. Several may be reported at once.
 * Pure: workflows may import this file.
 */

import type { TextAdjustment } from './order-snapshot';

export type OrderProblemCode =
  | 'SHOP_NOT_FOUND'
  | 'SHOP_DISABLED'
  | 'SHOP_CREDENTIALS_REFUSED'
  | 'ORDER_NOT_IMPORTED'
  | 'ORDER_CLAIMED_BY_OTHER_SHOP'
  | 'ORDER_CANCELLED'
  | 'ORDER_ARCHIVED'
  | 'SNAPSHOT_INVALID'
  | 'CUSTOMER_NOT_FOUND'
  | 'CUSTOMER_ADDRESS_MISSING'
  | 'CUSTOMER_TEMPLATE_MISSING'
  | 'ITEM_NOT_MAPPED'
  | 'LOCATION_NOT_MAPPED'
  | 'SHIPMENT_METHOD_NOT_MAPPED'
  | 'CURRENCY_NOT_SET_UP'
  | 'EXCHANGE_RATE_MISSING'
  | 'ACCOUNT_NOT_SET'
  | 'TAX_AREA_NOT_FOUND'
  | 'DOCUMENT_CONFLICT'
  | 'SHIPMENT_NOT_SYNCED'
  | 'ORDER_CLOSE_REFUSED'
  | 'TEXT_ADJUSTED'
  | 'DATA_REJECTED'
  | 'STEP_FAILING'
  | 'AMOUNT_NOT_ACCEPTED';

/** `error` blocks the sales document; `warning` is recorded and shown but does not block. */
export type OrderProblemSeverity = 'error' | 'warning';

export interface OrderProblem {
  code: OrderProblemCode;
  severity: OrderProblemSeverity;
  /** Shopify order name, e.g. "#1004" (or the order id when the name is unknown). */
  orderName: string;
  /** The field at fault, e.g. "lines[2].variantId" or "shop.tipAccountNo". */
  field: string;
  /** A full sentence: the order, what is wrong, and how to fix it. */
  message: string;
  /** What to do, on its own (a command or a setting). */
  fix: string;
}

function problem(
  code: OrderProblemCode,
  orderName: string,
  field: string,
  what: string,
  fix: string,
  severity: OrderProblemSeverity = 'error',
): OrderProblem {
  return { code, severity, orderName, field, message: `Order ${orderName}: ${what}: ${fix}`, fix };
}

/** How the CLI names an order: "#1004" → "1004" (a bare # would start a comment in the shell). */
function cliOrder(orderName: string): string {
  return orderName.replace(/^#/, '');
}

/** The numeric tail of a GID ("gid://shopify/ProductVariant/123" → "123"), which the CLI accepts. */
function numericId(gid: string): string {
  const tail = gid.slice(gid.lastIndexOf('/') + 1);
  return tail.length > 0 ? tail : gid;
}

export const OrderProblems = {
  shopNotFound(orderName: string, shopCode: string): OrderProblem {
    return problem(
      'SHOP_NOT_FOUND',
      orderName,
      'shopCode',
      `shop card '${shopCode}' does not exist`,
      `create it with \`orderbridge shop add ${shopCode} --domain <shop>.myshopify.com\``,
    );
  },

  shopDisabled(orderName: string, shopCode: string): OrderProblem {
    return problem(
      'SHOP_DISABLED',
      orderName,
      'shop.enabled',
      `shop card '${shopCode}' is disabled`,
      `enable it with \`orderbridge shop set ${shopCode} --enabled true\``,
    );
  },

  /** Shopify refused the card's credentials: the order waits, and resumes once they are fixed. */
  shopCredentialsRefused(orderName: string, shopCode: string, refusal: string, fix: string): OrderProblem {
    return problem(
      'SHOP_CREDENTIALS_REFUSED',
      orderName,
      'shop.credentials',
      `shop card '${shopCode}': ${refusal}`,
      fix,
    );
  },

  orderNotImported(orderName: string): OrderProblem {
    return problem(
      'ORDER_NOT_IMPORTED',
      orderName,
      'importedOrderId',
      'the order has not been imported',
      'run the order sync (or retry the import) first',
    );
  },

  claimedByOtherShop(orderName: string, claimingShopCode: string, requestingShopCode: string): OrderProblem {
    return problem(
      'ORDER_CLAIMED_BY_OTHER_SHOP',
      orderName,
      'shopCode',
      `the order belongs to shop card '${claimingShopCode}', not '${requestingShopCode}'`,
      `import it through shop card '${claimingShopCode}', or delete it there first`,
    );
  },

  orderCancelled(orderName: string, cancelledAt: string): OrderProblem {
    return problem(
      'ORDER_CANCELLED',
      orderName,
      'cancelledAt',
      `the order was cancelled in Shopify at ${cancelledAt} before it was imported, so it is not imported`,
      'nothing to do; re-open it in Shopify if it should be imported',
      'warning',
    );
  },

  cancelledBeforeDocument(orderName: string, cancelledAt: string): OrderProblem {
    return problem(
      'ORDER_CANCELLED',
      orderName,
      'cancelledAt',
      `the order was cancelled in Shopify at ${cancelledAt}, so no sales document is made`,
      'nothing to do; re-open the order in Shopify if the sale is on again',
    );
  },

  orderArchived(orderName: string): OrderProblem {
    return problem(
      'ORDER_ARCHIVED',
      orderName,
      'closed',
      'the order is archived (closed) in Shopify and was never imported, so it is not imported',
      'unarchive it in Shopify if it should be imported',
      'warning',
    );
  },

  snapshotInvalid(orderName: string, field: string, reason: string): OrderProblem {
    return problem(
      'SNAPSHOT_INVALID',
      orderName,
      field,
      `the order data from Shopify is not usable (${field}: ${reason})`,
      'report this as a defect in the Shopify conversion; the order is not imported',
    );
  },

  /**
   * `hasShopifyCustomer` false (a guest order): map-customer links a Shopify customer, so it is
   * not offered where there is none.
   */
  customerNotFound(orderName: string, detail: string, hasShopifyCustomer = true): OrderProblem {
    const assign = `set one with \`orderbridge order assign-customer ${cliOrder(orderName)} --customer <CUSTOMER-NO>\``;
    const create = `create one with \`orderbridge order new-customer ${cliOrder(orderName)} --template <TEMPLATE>\``;
    return problem(
      'CUSTOMER_NOT_FOUND',
      orderName,
      'sellToCustomerNo',
      `no ERP customer could be chosen (${detail})`,
      hasShopifyCustomer
        ? `${assign}, ${create}, ` +
            `or map the Shopify customer with \`orderbridge order map-customer ${cliOrder(orderName)} --customer <CUSTOMER-NO>\``
        : `${assign}, or ${create} (a guest order has no Shopify customer to map)`,
    );
  },

  customerAddressMissing(orderName: string): OrderProblem {
    return problem(
      'CUSTOMER_ADDRESS_MISSING',
      orderName,
      'billingAddress',
      'a new customer is needed but the order has no bill-to address (typical of point-of-sale orders)',
      `set an existing customer with \`orderbridge order assign-customer ${cliOrder(orderName)} --customer <CUSTOMER-NO>\`, ` +
        "or set the shop's default customer with `orderbridge shop set <SHOP> --default-customer <CUSTOMER-NO>`",
    );
  },

  customerTemplateMissing(orderName: string, shopCode: string, countryCode: string | null): OrderProblem {
    const where = countryCode ? `country '${countryCode}'` : 'orders without a country';
    return problem(
      'CUSTOMER_TEMPLATE_MISSING',
      orderName,
      'customerTemplate',
      `a new customer is needed but shop card '${shopCode}' has no customer template for ${where} and no default template`,
      `add one with \`orderbridge customer-template set ${shopCode} --country ${countryCode ?? '<CC>'} --template <TEMPLATE>\``,
    );
  },

  itemNotMapped(
    orderName: string,
    lineIndex: number,
    line: { sku: string | null; variantId: string | null; title: string },
  ): OrderProblem {
    const subject = line.sku
      ? `item for SKU '${line.sku}'${line.variantId ? ` (variant ${line.variantId})` : ''}`
      : line.variantId
        ? `item for variant ${line.variantId} ('${line.title}')`
        : `line '${line.title}' (no variant, no SKU)`;
    const fix = line.variantId
      ? `map it with \`orderbridge map item --variant ${numericId(line.variantId)} --item <ITEM-NO>\``
      : 'custom lines without a variant cannot be mapped; edit the order in Shopify or set the item on the line';
    return problem(
      'ITEM_NOT_MAPPED',
      orderName,
      `lines[${lineIndex}].variantId`,
      `${subject} is not mapped`,
      fix,
    );
  },

  locationNotMapped(
    orderName: string,
    lineIndex: number,
    shopCode: string,
    shopifyLocationId: string,
  ): OrderProblem {
    return problem(
      'LOCATION_NOT_MAPPED',
      orderName,
      `lines[${lineIndex}].fulfillmentLocationId`,
      `Shopify location ${shopifyLocationId} has no ERP location on shop card '${shopCode}'`,
      `map it with \`orderbridge map locations ${shopCode}\` and set its ERP location code`,
    );
  },

  shipmentMethodNotMapped(orderName: string, shopCode: string, shippingTitle: string): OrderProblem {
    return problem(
      'SHIPMENT_METHOD_NOT_MAPPED',
      orderName,
      'shippingLines[0].title',
      `shipping method '${shippingTitle}' has no ERP shipment method on shop card '${shopCode}', so the document gets none`,
      `map it with \`orderbridge map shipment-methods ${shopCode}\``,
      'warning',
    );
  },

  currencyNotSetUp(orderName: string, currencyCode: string, field: string): OrderProblem {
    return problem(
      'CURRENCY_NOT_SET_UP',
      orderName,
      field,
      `currency '${currencyCode}' is not set up in the ERP`,
      `add it with \`orderbridge currency rate ${currencyCode} --date <YYYY-MM-DD> --rate <LCY per unit>\``,
    );
  },

  exchangeRateMissing(orderName: string, currencyCode: string, onDate: string): OrderProblem {
    return problem(
      'EXCHANGE_RATE_MISSING',
      orderName,
      'currencyCode',
      `currency '${currencyCode}' has no exchange rate on or before ${onDate}`,
      `enter one with \`orderbridge currency rate ${currencyCode} --date ${onDate} --rate <LCY per unit>\``,
    );
  },

  accountNotSet(orderName: string, shopCode: string, setting: ShopAccountSetting, why: string): OrderProblem {
    return problem(
      'ACCOUNT_NOT_SET',
      orderName,
      `shop.${setting}`,
      `${why} but shop card '${shopCode}' has no ${ACCOUNT_SETTING_LABEL[setting]}`,
      `set it with \`orderbridge shop set ${shopCode} --${ACCOUNT_SETTING_FLAG[setting]} <GL-ACCOUNT>\``,
    );
  },

  taxAreaNotFound(
    orderName: string,
    addressRole: string,
    countryCode: string,
    county: string | null,
  ): OrderProblem {
    return problem(
      'TAX_AREA_NOT_FOUND',
      orderName,
      `${addressRole}.countryCode`,
      `no tax area for ${addressRole} country '${countryCode}'${county ? ` / county '${county}'` : ''}, so the ERP's default applies`,
      'add a tax area for that country (and county) in the ERP',
      'warning',
    );
  },

  textAdjusted(orderName: string, adjustment: TextAdjustment): OrderProblem {
    const what =
      adjustment.change === 'truncated'
        ? `${adjustment.field} is longer than the ERP field (${adjustment.limit} characters) and was cut to fit`
        : `${adjustment.field} held characters the ERP cannot store (NUL or a broken character), which were removed`;
    return problem(
      'TEXT_ADJUSTED',
      orderName,
      adjustment.field,
      what,
      'nothing to do unless the full text matters; then correct it in Shopify and the order is imported again',
      'warning',
    );
  },

  /**
   * The database refused the order's data the same way on every attempt; `field` is table.column
   * (or the table alone when PostgreSQL does not say which column). Never carries the value.
   */
  dataRejected(orderName: string, field: string, sqlState: string, reason: string): OrderProblem {
    return problem(
      'DATA_REJECTED',
      orderName,
      field,
      `the ERP database refused the order's data for ${field} (PostgreSQL ${sqlState}: ${reason})`,
      `correct the value in Shopify, or report it as a defect if Shopify allows it; then \`orderbridge order retry ${cliOrder(orderName)}\``,
    );
  },

  /** An amount outside what the ERP accepts (domain/line-amounts.ts); `what` and `fix` come from the rule. */
  amountNotAccepted(orderName: string, field: string, what: string, fix: string): OrderProblem {
    return problem('AMOUNT_NOT_ACCEPTED', orderName, field, what, fix);
  },

  /** A step that fails transiently again and again: shown while it keeps retrying by itself. */
  stepFailing(orderName: string, step: string, attempt: number, reason: string): OrderProblem {
    return problem(
      'STEP_FAILING',
      orderName,
      step,
      `${step} has failed ${attempt} times in a row (${reason}) and is still being retried`,
      'check that Shopify and PostgreSQL are reachable (`orderbridge status`); the order resumes by itself once they are',
    );
  },

  /** `what` and `fix` come from the edit rules (domain/order-edits), which know the document and the change. */
  documentConflict(orderName: string, what: string, fix: string): OrderProblem {
    return problem('DOCUMENT_CONFLICT', orderName, 'lines', what, fix);
  },
};

export type ShopAccountSetting = 'shippingChargesAccountNo' | 'tipAccountNo' | 'soldGiftCardAccountNo';

const ACCOUNT_SETTING_LABEL: Record<ShopAccountSetting, string> = {
  shippingChargesAccountNo: 'shipping charges account',
  tipAccountNo: 'tip account',
  soldGiftCardAccountNo: 'sold gift card account',
};

const ACCOUNT_SETTING_FLAG: Record<ShopAccountSetting, string> = {
  shippingChargesAccountNo: 'shipping-charges-account',
  tipAccountNo: 'tip-account',
  soldGiftCardAccountNo: 'sold-gift-card-account',
};

export function blockingProblems(problems: readonly OrderProblem[]): OrderProblem[] {
  return problems.filter((entry) => entry.severity === 'error');
}

/** One line per problem, for the order's error text and the CLI. */
export function formatProblems(problems: readonly OrderProblem[]): string {
  return problems.map((entry) => `[${entry.code}] ${entry.message}`).join('\n');
}

/**
 * Thrown by ERP services for business failures. The activity layer turns it into a non-retryable
 * ApplicationFailure of type `OrderProblemsError` with `problems` as details.
 */
export class OrderProblemsError extends Error {
  static readonly TYPE = 'OrderProblemsError';

  constructor(readonly problems: readonly OrderProblem[]) {
    super(formatProblems(problems));
    this.name = OrderProblemsError.TYPE;
  }
}

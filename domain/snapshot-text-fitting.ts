import type { OrderSnapshot, TextAdjustment } from './order-snapshot';

/**
 * Shopify text as the ERP can hold it. PostgreSQL refuses a NUL character anywhere (text and jsonb)
 * and a lone UTF-16 surrogate in jsonb; the ERP's own fields (customer, document lines) are shorter
 * than what Shopify accepts. Each change is listed on the snapshot, so the order shows it as a
 * warning wherever it is mapped, instead of the import failing the same way on every retry.
 * Pure: workflows may import this file.
 */

/**
 * ERP field sizes (characters) the snapshot's text ends up in: the imported order's columns, the
 * customer a new order makes from its bill-to address (name 100, address 100, city 50, ...), and the
 * document line description. A first and a last name together fit the customer's contact.
 */
const ORDER_LIMITS: Readonly<Record<string, number>> = {
  email: 255,
  phone: 50,
  poNumber: 100,
  sourceName: 100,
  channel: 100,
};

const ADDRESS_LIMITS: Readonly<Record<string, number>> = {
  firstName: 49,
  lastName: 50,
  name: 100,
  company: 100,
  address1: 100,
  address2: 100,
  city: 50,
  zip: 20,
  province: 50,
  provinceCode: 50,
  country: 50,
  phone: 50,
};

const CUSTOMER_LIMITS: Readonly<Record<string, number>> = {
  email: 255,
  phone: 50,
  firstName: 49,
  lastName: 50,
};

const LINE_LIMITS: Readonly<Record<string, number>> = {
  name: 255,
  title: 255,
  variantTitle: 255,
  sku: 100,
  barcode: 50,
  vendor: 255,
};

const SHIPPING_LINE_LIMITS: Readonly<Record<string, number>> = {
  title: 255,
  code: 255,
  source: 100,
};

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text PostgreSQL stores: no NUL (dropped), no lone surrogate (U+FFFD, as any UTF-8 decoder would). */
export function storableText(value: string): string {
  return value.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Cuts to `limit` code points, which is how PostgreSQL counts a varchar's length. */
export function cutToLength(value: string, limit: number): string {
  const codePoints = Array.from(value);
  return codePoints.length <= limit ? value : codePoints.slice(0, limit).join('');
}

function cleanDeep(value: unknown, path: string, adjustments: TextAdjustment[]): unknown {
  if (typeof value === 'string') {
    const clean = storableText(value);
    if (clean !== value) adjustments.push({ field: path, change: 'unstorable-characters-removed' });
    return clean;
  }
  if (Array.isArray(value))
    return value.map((entry, index) => cleanDeep(entry, `${path}[${index}]`, adjustments));
  if (value === null || typeof value !== 'object') return value;
  const cleaned: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    cleaned[key] = cleanDeep(child, path ? `${path}.${key}` : key, adjustments);
  }
  return cleaned;
}

function fitFields<Row extends object>(
  row: Row,
  limits: Readonly<Record<string, number>>,
  path: string,
  adjustments: TextAdjustment[],
): Row {
  const fitted: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [key, limit] of Object.entries(limits)) {
    const value = fitted[key];
    if (typeof value !== 'string') continue;
    const cut = cutToLength(value, limit);
    if (cut === value) continue;
    fitted[key] = cut;
    adjustments.push({ field: path ? `${path}.${key}` : key, change: 'truncated', limit });
  }
  return fitted as Row;
}

/**
 * The snapshot with every text storable and within its ERP field, and `textAdjustments` listing
 * what was changed (absent when nothing was). Deterministic: the same order fits the same way, so
 * a re-import of an unchanged order still compares equal.
 */
export function fitSnapshotText(snapshot: OrderSnapshot): OrderSnapshot {
  const adjustments: TextAdjustment[] = [];
  const source: OrderSnapshot = { ...snapshot };
  // A snapshot fitted before is fitted again from its text, not from an older list.
  delete source.textAdjustments;
  const clean = cleanDeep(source, '', adjustments) as OrderSnapshot;
  const fitted: OrderSnapshot = {
    ...fitFields(clean, ORDER_LIMITS, '', adjustments),
    customer: clean.customer ? fitFields(clean.customer, CUSTOMER_LIMITS, 'customer', adjustments) : null,
    billingAddress: clean.billingAddress
      ? fitFields(clean.billingAddress, ADDRESS_LIMITS, 'billingAddress', adjustments)
      : null,
    shippingAddress: clean.shippingAddress
      ? fitFields(clean.shippingAddress, ADDRESS_LIMITS, 'shippingAddress', adjustments)
      : null,
    lines: clean.lines.map((line, index) => fitFields(line, LINE_LIMITS, `lines[${index}]`, adjustments)),
    shippingLines: clean.shippingLines.map((line, index) =>
      fitFields(line, SHIPPING_LINE_LIMITS, `shippingLines[${index}]`, adjustments),
    ),
  };
  return adjustments.length > 0 ? { ...fitted, textAdjustments: adjustments } : fitted;
}

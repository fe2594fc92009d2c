import { isDecimalString } from './money';
import { OrderProblems, type OrderProblem } from './order-problems';
import { ORDER_SNAPSHOT_VERSION, type OrderSnapshot } from './order-snapshot';

const ORDER_GID = /^gid:\/\/shopify\/Order\/\d+$/;

/**
 * Checks what the import relies on and a type cannot promise at runtime: the snapshot version, the
 * order id, every money amount a decimal string, whole non-negative quantities, unique line ids.
 * Returns every problem found (empty when the snapshot is usable).
 */
export function validateOrderSnapshot(snapshot: OrderSnapshot): OrderProblem[] {
  const orderName =
    typeof snapshot.name === 'string' && snapshot.name !== ''
      ? snapshot.name
      : String(snapshot.shopifyOrderId);
  const problems: OrderProblem[] = [];
  const fail = (field: string, reason: string) =>
    problems.push(OrderProblems.snapshotInvalid(orderName, field, reason));

  if (snapshot.snapshotVersion !== ORDER_SNAPSHOT_VERSION) {
    fail('snapshotVersion', `expected ${ORDER_SNAPSHOT_VERSION}, got ${String(snapshot.snapshotVersion)}`);
  }
  if (typeof snapshot.shopifyOrderId !== 'string' || !ORDER_GID.test(snapshot.shopifyOrderId)) {
    fail(
      'shopifyOrderId',
      `expected gid://shopify/Order/<number>, got ${JSON.stringify(snapshot.shopifyOrderId)}`,
    );
  }
  if (typeof snapshot.name !== 'string' || snapshot.name === '') fail('name', 'is empty');

  // Every Money object ({ amount, currencyCode }) anywhere in the snapshot must carry a decimal string.
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((entry, index) => walk(entry, `${path}[${index}]`));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if ('currencyCode' in record && 'amount' in record && !isDecimalString(record.amount)) {
      fail(`${path}.amount`, `expected a decimal string, got ${JSON.stringify(record.amount)}`);
    }
    for (const [key, child] of Object.entries(record)) {
      if (typeof child === 'object' && child !== null) walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(snapshot, '');

  const seen = new Set<string>();
  (snapshot.lines ?? []).forEach((line, index) => {
    if (seen.has(line.shopifyLineId))
      fail(`lines[${index}].shopifyLineId`, `${line.shopifyLineId} appears twice`);
    seen.add(line.shopifyLineId);
    for (const key of ['quantity', 'currentQuantity', 'unfulfilledQuantity'] as const) {
      const quantity = line[key];
      if (!Number.isInteger(quantity) || quantity < 0) {
        fail(`lines[${index}].${key}`, `expected a whole number ≥ 0, got ${JSON.stringify(quantity)}`);
      }
    }
  });
  return problems;
}

import type { Client } from '@temporalio/client';
import { describeOrderAnswer } from '../temporal/order-request-answer';
import { findImportedOrder } from '../erp/services/orders';
import { mapItem } from '../erp/services/items';
import type { OrderProblem } from '../domain/order-problems';
import { requestOrderRetry, sendOrderFix, type OrderFix } from '../temporal/order-requests';
import { wakeWorkFixedByChange } from '../temporal/wake-fixable-work';
import type { OrderStatus } from '../workflows/messages';
import type { ConsoleDeps } from './console-deps';
import { html, type Html } from './html';
import { canAct, csrfField, type PageViewer } from './layout';

/** The order's workflow key and name, from the imported order the console lists. */
export async function orderKey(deps: ConsoleDeps, importedOrderId: number) {
  const order = await findImportedOrder(deps.orm, importedOrderId);
  if (!order) throw new Error(`No imported order ${importedOrderId}: it may have been deleted.`);
  return { store: order.store, shopifyOrderId: order.shopifyOrderId, name: order.name, order };
}

/** What an update answered, as the CLI prints it. */
export function describeStatus(name: string, status: OrderStatus): string {
  const lines = [
    status.document
      ? `Order ${name}: ${status.stage}; sales ${status.document.documentType} ${status.document.documentNo} (${status.document.status}).`
      : `Order ${name}: ${status.stage}${status.hasError ? ' (needs attention)' : ''}.`,
    ...status.problems.map((problem) => `${problem.severity.toUpperCase()}: ${problem.message}`),
  ];
  return lines.join('\n');
}

export async function retryOrder(
  deps: ConsoleDeps,
  client: Client,
  importedOrderId: number,
): Promise<string> {
  const key = await orderKey(deps, importedOrderId);
  return describeOrderAnswer(key.name, await requestOrderRetry(client, key)).join('\n');
}

export async function fixOrder(
  deps: ConsoleDeps,
  client: Client,
  importedOrderId: number,
  fix: OrderFix,
): Promise<string> {
  const key = await orderKey(deps, importedOrderId);
  return describeStatus(key.name, await sendOrderFix(client, key, fix));
}

/**
 * Maps the variant of the order's line `lineIndex` to an ERP item (as `map item` does), wakes every
 * order and refund the mapping can fix, and retries this one: the answer is its outcome.
 */
export async function mapOrderLineItem(
  deps: ConsoleDeps,
  client: Client,
  importedOrderId: number,
  lineIndex: number,
  itemNo: string,
): Promise<string> {
  const key = await orderKey(deps, importedOrderId);
  const line = key.order.snapshot.lines[lineIndex];
  if (!line?.variantId)
    throw new Error(
      `Order ${key.name}: line ${lineIndex + 1} has no Shopify variant to map (a custom line).`,
    );
  const mapped = await mapItem(deps.orm, key.store, line.variantId, itemNo);
  await wakeWorkFixedByChange(deps.orm, client, deps.taskQueue, 'item-mapping');
  const answer = await requestOrderRetry(client, key);
  return [
    `Variant ${mapped.shopifyVariantId} mapped to item ${mapped.itemNo}.`,
    ...describeOrderAnswer(key.name, answer),
  ].join('\n');
}

function lineIndexOf(problem: OrderProblem): number | undefined {
  const match = /^lines\[(\d+)\]/.exec(problem.field);
  return match ? Number(match[1]) : undefined;
}

const CUSTOMER_CODES = new Set([
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_ADDRESS_MISSING',
  'CUSTOMER_TEMPLATE_MISSING',
]);

/** The fixes that fit an order's problems, as forms in place (operators only). */
export function orderFixForms(
  viewer: PageViewer,
  order: {
    id: number;
    name: string;
    stage: string;
    problems: OrderProblem[];
    shopifyCustomerId: string | null;
  },
  templates: readonly { code: string; description?: string | null }[],
  back: string,
): Html {
  if (!canAct(viewer)) return html`<span class="muted">viewers cannot act</span>`;
  const action = (what: string) => `/orders/${order.id}/${what}`;
  const hidden = html`${csrfField(viewer)}<input type="hidden" name="back" value="${back}" />`;
  const forms: Html[] = [];
  for (const problem of order.problems.filter((candidate) => candidate.code === 'ITEM_NOT_MAPPED')) {
    const index = lineIndexOf(problem);
    if (index === undefined || !/variant/.test(problem.message)) continue;
    forms.push(
      html`<form method="post" action="${action('map-item')}" class="inline">
        ${hidden}<input type="hidden" name="line" value="${index}" />
        <label>Item for line ${index + 1} of ${order.name} <input name="item" required size="10" /></label>
        <button type="submit">Map item</button>
      </form>`,
    );
  }
  if (order.problems.some((problem) => CUSTOMER_CODES.has(problem.code))) {
    forms.push(
      html`<form method="post" action="${action('assign-customer')}" class="inline">
        ${hidden}<label>Customer no. for ${order.name} <input name="customer" required size="10" /></label>
        <button type="submit">Assign customer</button>
      </form>`,
    );
    if (templates.length > 0)
      forms.push(
        html`<form method="post" action="${action('new-customer')}" class="inline">
          ${hidden}<label
            >Template for a new customer of ${order.name}
            <select name="template">
              ${templates.map((template) => html`<option value="${template.code}">${template.code}</option>`)}
            </select></label
          >
          <button type="submit">New customer from template</button>
        </form>`,
      );
    if (order.shopifyCustomerId)
      forms.push(
        html`<form method="post" action="${action('map-customer')}" class="inline">
          ${hidden}<label
            >Map the Shopify customer of ${order.name} to customer no.
            <input name="customer" required size="10"
          /></label>
          <button type="submit">Map customer</button>
        </form>`,
      );
  }
  if (order.stage === 'imported' || order.stage === 'mapped')
    forms.push(
      html`<form method="post" action="${action('create-document')}" class="inline">
        ${hidden}<button type="submit" aria-label="Create the document of ${order.name}">
          Create document
        </button>
      </form>`,
    );
  forms.push(
    html`<form method="post" action="${action('retry')}" class="inline">
      ${hidden}<button type="submit" aria-label="Retry ${order.name}">Retry</button>
    </form>`,
  );
  return html`${forms}`;
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { documentsOfShopifyOrder } from '../../erp/services/documents';
import { listCustomerTemplates } from '../../erp/services/customers';
import { pageImportedOrders, type OrderListRow } from '../../erp/services/console';
import { ERP_ORDER_STAGES } from '../../domain/order-stage';
import { listRefunds, listTransactions } from '../../erp/services/refunds';
import { listPostedShipments } from '../../erp/services/shipments';
import { listShopCards } from '../../erp/services/settings';
import { queryOrderStatus } from '../../temporal/order-requests';
import { orderWorkflowId, type OrderStatus } from '../../workflows/messages';
import { backTo, field, runAction } from '../actions';
import { takeFlash, viewerOf } from '../auth';
import type { ConsoleDeps } from '../console-deps';
import { html, type Html } from '../html';
import { page, type PageViewer } from '../layout';
import { filterForm, pager, queryString, readListQuery } from '../list-query';
import { fixOrder, mapOrderLineItem, orderFixForms, orderKey, retryOrder } from '../order-fixes';

/** Problem codes an order can carry, for the filter (the list itself shows whatever is stored). */
const PROBLEM_CODES = [
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_ADDRESS_MISSING',
  'CUSTOMER_TEMPLATE_MISSING',
  'ITEM_NOT_MAPPED',
  'LOCATION_NOT_MAPPED',
  'SHIPMENT_METHOD_NOT_MAPPED',
  'CURRENCY_NOT_SET_UP',
  'EXCHANGE_RATE_MISSING',
  'ACCOUNT_NOT_SET',
  'TAX_AREA_NOT_FOUND',
  'DOCUMENT_CONFLICT',
  'SHIPMENT_NOT_SYNCED',
  'ORDER_CLOSE_REFUSED',
  'SHOP_CREDENTIALS_REFUSED',
  'STEP_FAILING',
] as const;

function orderRows(
  viewer: PageViewer,
  rows: OrderListRow[],
  templates: { code: string }[],
  back: string,
  withFixes: boolean,
): Html {
  if (rows.length === 0) return html`<p>No orders match.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Order</th>
        <th scope="col">Shop</th>
        <th scope="col">Stage</th>
        <th scope="col">Created</th>
        <th scope="col">Total</th>
        <th scope="col">Customer</th>
        <th scope="col">Problems</th>
        ${withFixes ? html`<th scope="col">Fix</th>` : ''}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr data-order="${row.name}">
            <td><a href="/orders/${row.id}">${row.name}</a></td>
            <td>${row.shopCode}</td>
            <td>${row.stage}</td>
            <td>${row.createdAt.slice(0, 16).replace('T', ' ')}</td>
            <td>${row.total} ${row.currencyCode}</td>
            <td>${row.customerNo ?? ''}</td>
            <td>
              ${row.problems.map(
                (problem) =>
                  html`<div class="${problem.severity === 'error' ? 'problem' : 'warning'}">
                    <strong>${problem.code}</strong>: ${problem.message}
                  </div>`,
              )}
            </td>
            ${withFixes ? html`<td>${orderFixForms(viewer, { ...row, problems: row.problems as never }, templates, back)}</td>` : ''}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function registerOrderPages(app: FastifyInstance, deps: ConsoleDeps): void {
  async function listPage(
    path: '/problems' | '/orders',
    errorsOnly: boolean,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const query = readListQuery(request);
    const viewer = viewerOf(request, reply);
    const [orders, shops, templates] = await Promise.all([
      pageImportedOrders(deps.orm, {
        errorsOnly,
        ...(query.shop ? { shopCode: query.shop } : {}),
        ...(query.stage ? { stage: query.stage } : {}),
        ...(query.problem ? { problemCode: query.problem } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.name ? { name: query.name } : {}),
        offset: query.offset,
        limit: query.limit,
      }),
      listShopCards(deps.orm),
      errorsOnly ? listCustomerTemplates(deps.orm) : Promise.resolve([]),
    ]);
    const back = `${path}${queryString(query)}`;
    return reply.type('text/html').send(
      page({
        title: errorsOnly ? 'Orders with problems' : 'All orders',
        path,
        viewer,
        flash: takeFlash(request),
        body: html`${filterForm(path, query, {
          shops: shops.map((shop) => shop.code),
          stages: ERP_ORDER_STAGES,
          problems: PROBLEM_CODES,
          name: true,
        })}
        ${orderRows(viewer, orders.rows, templates, back, errorsOnly)} ${pager(path, query, orders.hasMore)}`,
      }).text,
    );
  }
  app.get('/problems', (request, reply) => listPage('/problems', true, request, reply));
  app.get('/orders', (request, reply) => listPage('/orders', false, request, reply));

  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    const id = Number.parseInt(request.params.id, 10);
    const viewer = viewerOf(request, reply);
    const key = await orderKey(deps, id).catch(() => null);
    if (!key)
      return reply
        .code(404)
        .type('text/html')
        .send(
          page({
            title: 'No such order',
            path: '/orders',
            viewer,
            body: html`<p>No imported order ${request.params.id}.</p>`,
          }).text,
        );
    const { order } = key;
    let workflow: OrderStatus | { error: string };
    try {
      workflow = await queryOrderStatus(await deps.temporalClient(), key);
    } catch (error) {
      workflow = {
        error: error instanceof WorkflowNotFoundError ? 'no running workflow' : (error as Error).message,
      };
    }
    const [{ documents, lines }, shipments, refunds, transactions, templates] = await Promise.all([
      documentsOfShopifyOrder(deps.orm.em.fork(), key),
      listPostedShipments(deps.orm, { store: key.store, shopifyOrderId: key.shopifyOrderId }),
      listRefunds(deps.orm, { importedOrderId: id }),
      listTransactions(deps.orm, { importedOrderId: id }),
      listCustomerTemplates(deps.orm),
    ]);
    const snapshot = order.snapshot;
    const workflowId = orderWorkflowId(key.store, key.shopifyOrderId);
    const workflowLink = deps.temporalUiUrl
      ? `${deps.temporalUiUrl}/namespaces/${encodeURIComponent(deps.namespace)}/workflows/${encodeURIComponent(workflowId)}`
      : undefined;
    const timeline: { at: string; what: string }[] = [
      { at: order.shopifyCreatedAt.toISOString(), what: 'created in Shopify' },
      { at: order.firstImportedAt.toISOString(), what: 'first imported' },
      ...(order.importCount > 1
        ? [
            {
              at: order.lastImportedAt.toISOString(),
              what: `imported again (${order.importCount} imports: changes in Shopify)`,
            },
          ]
        : []),
      ...documents.map((document) => ({
        at: String(document.createdAt ? new Date(document.createdAt as never).toISOString() : ''),
        what: `sales ${document.documentType} ${document.no} (${document.status})`,
      })),
      ...shipments.map((shipment) => ({
        at: shipment.postingDate,
        what: `shipment ${shipment.shipmentNo} posted; Shopify: ${shipment.syncStatus || 'not sent'}`,
      })),
      ...(snapshot.fulfillments ?? []).map((fulfillment) => ({
        at: String((fulfillment as { createdAt?: string }).createdAt ?? ''),
        what: `fulfillment ${fulfillment.name} (${fulfillment.status})`,
      })),
      ...refunds.map((refund) => ({
        at: refund.createdAt,
        what: `refund ${refund.refund}: ${refund.total}${refund.creditMemo ? `, credit memo ${refund.creditMemo}` : ', no credit memo yet'}`,
      })),
      ...(order.closedAt ? [{ at: order.closedAt.toISOString(), what: 'closed in Shopify' }] : []),
    ].sort((first, second) => first.at.localeCompare(second.at));
    const state = 'stage' in workflow ? workflow : undefined;
    const problems = state?.problems ?? order.problems;
    const table = (title: string, rows: Record<string, unknown>[]) =>
      rows.length === 0
        ? html`<h2>${title}</h2>
            <p class="muted">none</p>`
        : html`<h2>${title}</h2>
            <table>
              <thead>
                <tr>
                  ${Object.keys(rows[0]!).map((column) => html`<th scope="col">${column}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (row) =>
                    html`<tr>
                      ${Object.values(row).map((value) => html`<td>${Array.isArray(value) ? value.join(', ') : String(value ?? '')}</td>`)}
                    </tr>`,
                )}
              </tbody>
            </table>`;
    return reply.type('text/html').send(
      page({
        title: `Order ${order.name}`,
        path: '/orders',
        viewer,
        flash: takeFlash(request),
        body: html`<dl class="facts">
            <dt>Shop card</dt>
            <dd>${order.shopCode}</dd>
            <dt>Store</dt>
            <dd>${order.store}</dd>
            <dt>Stage (workflow)</dt>
            <dd data-field="workflow-stage">
              ${state ? state.stage : 'error' in workflow ? workflow.error : ''}
            </dd>
            <dt>Stage (ERP)</dt>
            <dd>${order.stage}</dd>
            <dt>Financial / fulfilment</dt>
            <dd>${order.financialStatus ?? ''} / ${order.fulfillmentStatus}</dd>
            <dt>Total</dt>
            <dd>${order.currentTotalShop} ${order.currencyCode}</dd>
            <dt>Customer</dt>
            <dd>${order.sellToCustomerNo ?? ''}</dd>
            <dt>Tags</dt>
            <dd>${order.tags.join(', ')}</dd>
            <dt>Workflow</dt>
            <dd>
              ${workflowLink ? html`<a href="${workflowLink}">${workflowId} in the Temporal UI</a>` : workflowId}
            </dd>
          </dl>
          <h2>Problems</h2>
          ${
            problems.length === 0
              ? html`<p class="muted">none</p>`
              : html`<ul>
                  ${problems.map((problem) => html`<li class="${problem.severity === 'error' ? 'problem' : 'warning'}"><strong>${problem.code}</strong>: ${problem.message}</li>`)}
                </ul>`
          }
          <div>
            ${orderFixForms(viewer, { id, name: order.name, stage: order.stage, problems, shopifyCustomerId: order.shopifyCustomerId ?? null }, templates, `/orders/${id}`)}
          </div>
          ${table('Timeline', timeline)}
          ${table(
            'Documents',
            documents.map((document) => ({
              type: document.documentType,
              no: document.no,
              status: document.status,
              amount: `${document.amountIncludingTax} ${document.currencyCode ?? 'LCY'}`,
            })),
          )}
          ${table(
            'Document lines',
            lines.map((line) => ({
              line: line.lineNo,
              type: line.type,
              no: line.no,
              description: line.description,
              quantity: line.quantity,
              unitPrice: line.unitPrice,
              location: line.locationCode ?? '',
            })),
          )}
          ${table(
            'Shopify lines',
            snapshot.lines.map((line) => ({
              name: line.name,
              sku: line.sku ?? '',
              variant: line.variantId ?? '',
              quantity: line.quantity,
              unitPrice: line.originalUnitPrice.shop.amount,
            })),
          )}
          ${table(
            'Shipments',
            shipments.map((shipment) => ({
              shipment: shipment.shipmentNo,
              posted: shipment.postingDate,
              tracking: shipment.packageTrackingNo ?? '',
              shopify: shipment.syncStatus,
              fulfillments: shipment.shopifyFulfillmentIds,
              why: shipment.lastError ?? shipment.lines.flatMap((line) => line.notSent).join('; '),
            })),
          )}
          ${table(
            'Fulfillments',
            (snapshot.fulfillments ?? []).map((fulfillment) => ({
              name: fulfillment.name,
              status: fulfillment.status,
              tracking: fulfillment.tracking.map((tracking) => tracking.number),
            })),
          )}
          ${table(
            'Payments',
            transactions.map((transaction) => ({
              kind: transaction.kind,
              status: transaction.status,
              gateway: transaction.gateway,
              amount: `${transaction.amount} ${transaction.currency}`,
            })),
          )}
          ${table(
            'Refunds and credit memos',
            refunds.map((refund) => ({
              refund: refund.refund,
              total: refund.total,
              kind: refund.kind,
              payment: refund.payment,
              creditMemo: refund.creditMemo,
              error: refund.error,
            })),
          )}`,
      }).text,
    );
  });

  const id = (request: { params: unknown }) => Number.parseInt((request.params as { id: string }).id, 10);
  app.post('/orders/:id/retry', async (request, reply) =>
    runAction(request, reply, backTo(request, `/orders/${id(request)}`), async () =>
      retryOrder(deps, await deps.temporalClient(), id(request)),
    ),
  );
  app.post('/orders/:id/create-document', async (request, reply) =>
    runAction(request, reply, backTo(request, `/orders/${id(request)}`), async () =>
      fixOrder(deps, await deps.temporalClient(), id(request), { fix: 'create-document' }),
    ),
  );
  app.post('/orders/:id/assign-customer', async (request, reply) =>
    runAction(request, reply, backTo(request, `/orders/${id(request)}`), async () =>
      fixOrder(deps, await deps.temporalClient(), id(request), {
        fix: 'assign-customer',
        sellToCustomerNo: field(request, 'customer'),
      }),
    ),
  );
  app.post('/orders/:id/new-customer', async (request, reply) =>
    runAction(request, reply, backTo(request, `/orders/${id(request)}`), async () =>
      fixOrder(deps, await deps.temporalClient(), id(request), {
        fix: 'new-customer',
        templateCode: field(request, 'template'),
      }),
    ),
  );
  app.post('/orders/:id/map-customer', async (request, reply) =>
    runAction(request, reply, backTo(request, `/orders/${id(request)}`), async () =>
      fixOrder(deps, await deps.temporalClient(), id(request), {
        fix: 'map-customer',
        customerNo: field(request, 'customer'),
      }),
    ),
  );
  app.post('/orders/:id/map-item', async (request, reply) =>
    runAction(request, reply, backTo(request, `/orders/${id(request)}`), async () =>
      mapOrderLineItem(
        deps,
        await deps.temporalClient(),
        id(request),
        Number.parseInt(field(request, 'line'), 10),
        field(request, 'item'),
      ),
    ),
  );
}

import type { FastifyInstance } from 'fastify';
import {
  pageOrdersToImport,
  pageRefundsAwaitingCreditMemo,
  pageShipmentsNotSynced,
  shopOverviewCounts,
} from '../../erp/services/console';
import { deleteOrdersToImport, listOrdersToImport } from '../../erp/services/orders';
import { findRefund } from '../../erp/services/refunds';
import { getShopCredentialsView, describeRefusal } from '../../erp/services/credentials';
import { listPostedShipments } from '../../erp/services/shipments';
import { listShopCards } from '../../erp/services/settings';
import { creditMemoMode } from '../../domain/refund-settings';
import { dispatchOrderChange } from '../../temporal/dispatch-order';
import { dispatchRefund } from '../../temporal/dispatch-refund';
import { notifyShipmentPosted } from '../../temporal/dispatch-shipment';
import { listOrderSyncSchedules } from '../../temporal/order-sync-schedule';
import { requestCreditMemo } from '../../temporal/refund-requests';
import { backTo, field, fields, runAction } from '../actions';
import { takeFlash, viewerOf } from '../auth';
import type { ConsoleDeps } from '../console-deps';
import { html } from '../html';
import { canAct, csrfField, page } from '../layout';
import { filterForm, pager, queryString, readListQuery } from '../list-query';
import { waitForShipmentOutcome } from '../shipment-outcome';
import { describeStatus } from '../order-fixes';
import { queryOrderStatus } from '../../temporal/order-requests';
import type { Client } from '@temporalio/client';

const IMPORT_WAIT_MS = 20_000;

/** A dispatch has no answer of its own: the workflow's state is read until its import step is done. */
async function importOutcome(
  client: Client,
  row: { store: string; shopifyOrderId: string; name: string },
  shopCode: string,
): Promise<string> {
  const deadline = Date.now() + IMPORT_WAIT_MS;
  while (Date.now() < deadline) {
    const status = await queryOrderStatus(client, row).catch(() => undefined);
    if (status && status.imports > 0 && status.stage !== 'importing' && status.stage !== 'mapping')
      return describeStatus(row.name, status);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return `${row.name}: import started with shop ${shopCode}; not done within ${IMPORT_WAIT_MS / 1000} s, this list shows it until it is.`;
}

export function registerWorkListPages(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    const [counts, shops, schedules] = await Promise.all([
      shopOverviewCounts(deps.orm),
      listShopCards(deps.orm),
      deps
        .temporalClient()
        .then((client) => listOrderSyncSchedules(client))
        .catch(() => []),
    ]);
    const cards = await Promise.all(
      shops.map(async (shop) => ({
        shop,
        counts: counts.find((count) => count.shopCode === shop.code),
        credentials: await getShopCredentialsView(deps.orm, shop.code),
        schedule: schedules.find((schedule) => schedule.shopCode === shop.code),
      })),
    );
    const pairs = (record: Record<string, number> | undefined, link: (key: string) => string) =>
      Object.entries(record ?? {}).length === 0
        ? html`<span class="muted">none</span>`
        : html`<ul>
            ${Object.entries(record ?? {}).map(([key, value]) => html`<li><a href="${link(key)}">${key}</a>: ${value}</li>`)}
          </ul>`;
    return reply.type('text/html').send(
      page({
        title: 'Overview',
        path: '/',
        viewer,
        flash: takeFlash(request),
        body: html`<div class="cards">
          ${cards.map(
            ({ shop, counts: count, credentials, schedule }) =>
              html`<section class="card" aria-label="Shop card ${shop.code}">
                <h2>${shop.code} <span class="muted">${shop.shopDomain}</span></h2>
                <dl class="facts">
                  <dt>Enabled</dt>
                  <dd>
                    ${shop.enabled ? 'yes' : `no${shop.disabledReason ? `: ${shop.disabledReason}` : ''}`}
                  </dd>
                  <dt>Credentials</dt>
                  <dd>
                    ${credentials ? (describeRefusal(credentials) ?? `${credentials.kind}${credentials.accessTokenExpiresAt ? `, token until ${credentials.accessTokenExpiresAt}` : ''}`) : ''}
                  </dd>
                  <dt>Last order sync</dt>
                  <dd>${shop.lastOrderSyncAt ?? 'never'}</dd>
                  <dt>Next order sync</dt>
                  <dd>${schedule ? (schedule.paused ? 'paused' : schedule.nextRunAt) : 'no schedule'}</dd>
                  <dt>Orders to import</dt>
                  <dd>
                    <a href="/orders-to-import?shop=${shop.code}">${count?.ordersToImport ?? 0}</a>
                    (${count?.ordersToImportWithErrors ?? 0} with errors)
                  </dd>
                  <dt>Shipments not synced</dt>
                  <dd><a href="/shipments?shop=${shop.code}">${count?.shipmentsNotSynced ?? 0}</a></dd>
                  <dt>Refunds awaiting a credit memo</dt>
                  <dd><a href="/refunds?shop=${shop.code}">${count?.refundsAwaitingCreditMemo ?? 0}</a></dd>
                  <dt>Webhook deliveries (24 h)</dt>
                  <dd>${count?.webhookDeliveriesLastDay ?? 0}</dd>
                </dl>
                <h3>Orders by stage</h3>
                ${pairs(count?.ordersByStage, (stage) => `/orders?shop=${shop.code}&stage=${stage}`)}
                <h3>Open problems by code</h3>
                ${pairs(count?.problemsByCode, (code) => `/problems?shop=${shop.code}&problem=${code}`)}
              </section>`,
          )}
        </div>`,
      }).text,
    );
  });

  app.get('/orders-to-import', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    const query = readListQuery(request);
    const [rows, shops] = await Promise.all([
      pageOrdersToImport(deps.orm, {
        ...(query.shop ? { shopCode: query.shop } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.name ? { name: query.name } : {}),
        offset: query.offset,
        limit: query.limit,
      }),
      listShopCards(deps.orm),
    ]);
    const back = `/orders-to-import${queryString(query)}`;
    const act = canAct(viewer);
    return reply.type('text/html').send(
      page({
        title: 'Orders to import',
        path: '/orders-to-import',
        viewer,
        flash: takeFlash(request),
        body: html`${filterForm('/orders-to-import', query, { shops: shops.map((shop) => shop.code), name: true })}
        ${
          rows.rows.length === 0
            ? html`<p>No orders to import.</p>`
            : html`<form method="post" action="/orders-to-import/act" id="to-import">
                ${csrfField(viewer)}<input type="hidden" name="back" value="${back}" />
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Select</th>
                      <th scope="col">Order</th>
                      <th scope="col">Shop</th>
                      <th scope="col">Created</th>
                      <th scope="col">Financial</th>
                      <th scope="col">Channel</th>
                      <th scope="col">Total</th>
                      <th scope="col">Error</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows.rows.map(
                      (row) =>
                        html`<tr data-order="${row.name}">
                          <td>
                            <input
                              type="checkbox"
                              name="ids"
                              value="${row.id}"
                              id="row-${row.id}"
                              aria-label="Select ${row.name}"
                              ${act ? '' : html`disabled`}
                            />
                          </td>
                          <td><label for="row-${row.id}">${row.name}</label></td>
                          <td>${row.shopCode ?? ''}</td>
                          <td>${row.createdAt.slice(0, 16).replace('T', ' ')}</td>
                          <td>${row.financialStatus ?? ''}</td>
                          <td>${row.channel ?? ''}</td>
                          <td>${row.total} ${row.currencyCode}</td>
                          <td class="problem">${row.errorText ?? ''}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
                ${
                  act
                    ? html`<label
                          >Import with shop card
                          <select name="shop">
                            <option value="">(the card that listed each order)</option>
                            ${shops.map((shop) => html`<option value="${shop.code}">${shop.code}</option>`)}
                          </select></label
                        >
                        <button type="submit" name="do" value="import">Import selected</button>
                        <button type="submit" name="do" value="delete">Delete selected</button>`
                    : html`<p class="muted">Viewers cannot import or delete.</p>`
                }
              </form>`
        }
        ${pager('/orders-to-import', query, rows.hasMore)}`,
      }).text,
    );
  });

  app.post('/orders-to-import/act', async (request, reply) =>
    runAction(request, reply, backTo(request, '/orders-to-import'), async () => {
      const ids = fields(request, 'ids')
        .map((id) => Number.parseInt(id, 10))
        .filter((id) => Number.isInteger(id) && id > 0);
      if (ids.length === 0) return { kind: 'error', text: 'Select at least one order first.' };
      if (field(request, 'do') === 'delete') {
        const deleted = await deleteOrdersToImport(deps.orm, ids);
        return `Deleted ${deleted} of ${ids.length} rows: those orders come back only when Shopify changes them.`;
      }
      // As `orderbridge orders-to-import import`: each row's workflow is started or woken.
      const rows = await listOrdersToImport(deps.orm, { ids });
      const client = await deps.temporalClient();
      const lines: string[] = [];
      for (const row of rows) {
        const shopCode = field(request, 'shop') || row.claimedByShopCode;
        if (!shopCode) {
          lines.push(`${row.name}: not claimed by a shop card: choose the shop card to import it with.`);
          continue;
        }
        await dispatchOrderChange(client, deps.taskQueue, {
          store: row.store,
          shopifyOrderId: row.shopifyOrderId,
          orderName: row.name,
          change: { shopCode, shopifyUpdatedAt: row.shopifyUpdatedAt, source: 'operator' },
        });
        lines.push(await importOutcome(client, row, shopCode));
      }
      return lines.join('\n');
    }),
  );

  app.get('/shipments', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    const query = readListQuery(request);
    const [ids, shops] = await Promise.all([
      pageShipmentsNotSynced(deps.orm, {
        ...(query.shop ? { shopCode: query.shop } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        offset: query.offset,
        limit: query.limit,
      }),
      listShopCards(deps.orm),
    ]);
    const shipments = ids.rows.length
      ? await listPostedShipments(deps.orm, { shipmentIds: ids.rows, limit: ids.rows.length })
      : [];
    const back = `/shipments${queryString(query)}`;
    return reply.type('text/html').send(
      page({
        title: 'Shipments not synced',
        path: '/shipments',
        viewer,
        flash: takeFlash(request),
        body: html`${filterForm('/shipments', query, { shops: shops.map((shop) => shop.code) })}
        ${
          shipments.length === 0
            ? html`<p>Every posted shipment reached Shopify.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Shipment</th>
                    <th scope="col">Order</th>
                    <th scope="col">Shop</th>
                    <th scope="col">Posted</th>
                    <th scope="col">Status</th>
                    <th scope="col">Why</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  ${shipments.map(
                    (shipment) =>
                      html`<tr data-shipment="${shipment.shipmentNo}">
                        <td>${shipment.shipmentNo}</td>
                        <td>${shipment.shopifyOrderName ?? ''}</td>
                        <td>${shipment.shopCode ?? ''}</td>
                        <td>${shipment.postingDate}</td>
                        <td>${shipment.syncStatus}</td>
                        <td>
                          ${[shipment.lastError ?? '', ...shipment.lines.flatMap((line) => line.notSent.map((reason) => `line ${line.lineNo}: ${reason}`))].filter(Boolean).map((reason) => html`<div>${reason}</div>`)}
                        </td>
                        <td>
                          ${
                            canAct(viewer)
                              ? html`<form
                                  method="post"
                                  action="/shipments/${shipment.shipmentNo}/resend"
                                  class="inline"
                                >
                                  ${csrfField(viewer)}<input type="hidden" name="back" value="${back}" />
                                  <button type="submit" aria-label="Resend shipment ${shipment.shipmentNo}">
                                    Resend
                                  </button>
                                </form>`
                              : ''
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        ${pager('/shipments', query, ids.hasMore)}`,
      }).text,
    );
  });

  app.post<{ Params: { no: string } }>('/shipments/:no/resend', async (request, reply) =>
    runAction(request, reply, backTo(request, '/shipments'), async () => {
      const outcome = await waitForShipmentOutcome(deps, request.params.no, async (shipment) => {
        // As the shipment reconciler does: the order's workflow is signalled (or started) with it.
        await notifyShipmentPosted(await deps.temporalClient(), deps.taskQueue, shipment);
      });
      return outcome;
    }),
  );

  app.get('/refunds', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    const query = readListQuery(request);
    const [rows, shops] = await Promise.all([
      pageRefundsAwaitingCreditMemo(deps.orm, {
        ...(query.shop ? { shopCode: query.shop } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        offset: query.offset,
        limit: query.limit,
      }),
      listShopCards(deps.orm),
    ]);
    const back = `/refunds${queryString(query)}`;
    return reply.type('text/html').send(
      page({
        title: 'Refunds awaiting a credit memo',
        path: '/refunds',
        viewer,
        flash: takeFlash(request),
        body: html`${filterForm('/refunds', query, { shops: shops.map((shop) => shop.code) })}
        ${
          rows.rows.length === 0
            ? html`<p>No refund awaits a credit memo.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Refund</th>
                    <th scope="col">Order</th>
                    <th scope="col">Shop</th>
                    <th scope="col">Created</th>
                    <th scope="col">Total</th>
                    <th scope="col">Payment</th>
                    <th scope="col">Error</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.rows.map((row) => {
                    const mode = creditMemoMode({
                      returnRefundProcess: row.returnRefundProcess as never,
                      autoCreateOrders: row.autoCreateOrders,
                    }).mode;
                    return html`<tr data-refund="${row.refund}">
                      <td>${row.refund}</td>
                      <td>${row.orderName}</td>
                      <td>${row.shopCode}</td>
                      <td>${row.createdAt.slice(0, 10)}</td>
                      <td>${row.total}</td>
                      <td>${row.payment}</td>
                      <td class="problem">${row.error ?? ''}</td>
                      <td>
                        ${
                          mode === 'operator' && canAct(viewer)
                            ? html`<form
                                method="post"
                                action="/refunds/${row.refund}/credit-memo"
                                class="inline"
                              >
                                ${csrfField(viewer)}<input type="hidden" name="back" value="${back}" /><input
                                  type="hidden"
                                  name="shop"
                                  value="${row.shopCode}"
                                />
                                <button
                                  type="submit"
                                  aria-label="Create the credit memo of refund ${row.refund}"
                                >
                                  Create credit memo
                                </button>
                              </form>`
                            : html`<span class="muted"
                                >${mode === 'automatic' ? 'made by itself' : mode === 'ignored' ? 'refunds ignored' : ''}</span
                              >`
                        }
                      </td>
                    </tr>`;
                  })}
                </tbody>
              </table>`
        }
        ${pager('/refunds', query, rows.hasMore)}`,
      }).text,
    );
  });

  app.post<{ Params: { refund: string } }>('/refunds/:refund/credit-memo', async (request, reply) =>
    runAction(request, reply, backTo(request, '/refunds'), async () => {
      // As `orderbridge refund credit-memo`: start the refund's workflow if needed, then the update.
      const found = await findRefund(deps.orm, request.params.refund, field(request, 'shop') || undefined);
      const client = await deps.temporalClient();
      await dispatchRefund(client, deps.taskQueue, {
        store: found.store,
        shopifyRefundId: found.shopifyRefundId,
        shopifyOrderId: found.shopifyOrderId,
        shopCode: found.shopCode,
        orderName: found.order,
        source: 'operator',
      });
      const status = await requestCreditMemo(client, found);
      return status.creditMemo
        ? `Refund ${found.refund} of order ${found.order}: credit memo ${status.creditMemo.documentNo} (${status.creditMemo.status}) ${status.creditMemo.amountIncludingTax} ${status.creditMemo.isoCode}.`
        : {
            kind: 'error',
            text: `Refund ${found.refund} of order ${found.order}: ${status.stage}${status.problems?.length ? `: ${status.problems.map((problem) => problem.message).join('; ')}` : ''}.`,
          };
    }),
  );
}

import type { FastifyInstance } from 'fastify';
import {
  listCustomerTemplates,
  listShopCustomerTemplates,
  setShopCustomerTemplate,
} from '../../erp/services/customers';
import { mapItem } from '../../erp/services/items';
import { getShopCard, listShopCards, updateShopCard } from '../../erp/services/settings';
import {
  listLocationMappings,
  listShipmentMethodMappings,
  setLocationMapping,
  setShipmentMethodMapping,
} from '../../erp/services/shipments';
import type { ConfigurationChange } from '../../domain/configuration-fixes';
import { wakeWorkFixedByChange } from '../../temporal/wake-fixable-work';
import { listOrderSyncSchedules, withOrderSyncSchedule } from '../../temporal/order-sync-schedule';
import { listShipmentSyncSchedules, withShipmentSyncSchedule } from '../../temporal/shipment-sync-schedule';
import { backTo, field, runAction } from '../actions';
import { takeFlash, viewerOf } from '../auth';
import type { ConsoleDeps } from '../console-deps';
import { html, type Html } from '../html';
import { canAct, csrfField, page, type PageViewer } from '../layout';

/** Boolean settings of a shop card the console edits as checkboxes. */
const SWITCHES = [
  ['enabled', 'Enabled'],
  ['autoCreateOrders', 'Create documents by itself'],
  ['autoReleaseOrders', 'Release documents by itself'],
  ['createInvoicesForFulfilledOrders', 'Invoices for fulfilled orders'],
  ['closeRequiresInvoice', 'Close only when invoiced'],
] as const;

function postForm(viewer: PageViewer, action: string, back: string, body: Html): Html {
  if (!canAct(viewer)) return html``;
  return html`<form method="post" action="${action}" class="inline">
    ${csrfField(viewer)}<input type="hidden" name="back" value="${back}" />${body}
  </form>`;
}

export function registerShopPages(app: FastifyInstance, deps: ConsoleDeps): void {
  /** After a configuration change: wake what it can fix and say how many, as the CLI does. */
  async function wake(change: ConfigurationChange, shopCode?: string): Promise<string> {
    const woken = await wakeWorkFixedByChange(
      deps.orm,
      await deps.temporalClient(),
      deps.taskQueue,
      change,
      shopCode,
    );
    return woken.orders + woken.refunds > 0
      ? ` Woke ${woken.orders} order(s) and ${woken.refunds} refund(s) this change can fix.`
      : '';
  }

  app.get('/shops', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    const shops = await listShopCards(deps.orm);
    return reply.type('text/html').send(
      page({
        title: 'Shop cards and mappings',
        path: '/shops',
        viewer,
        flash: takeFlash(request),
        body: html`<table>
          <thead>
            <tr>
              <th scope="col">Shop card</th>
              <th scope="col">Store</th>
              <th scope="col">Enabled</th>
              <th scope="col">Creates documents</th>
              <th scope="col">Refunds</th>
              <th scope="col">Customers</th>
            </tr>
          </thead>
          <tbody>
            ${shops.map(
              (shop) =>
                html`<tr>
                  <td><a href="/shops/${shop.code}">${shop.code}</a></td>
                  <td>${shop.shopDomain}</td>
                  <td>${shop.enabled ? 'yes' : 'no'}</td>
                  <td>${shop.autoCreateOrders ? 'yes' : 'no'}</td>
                  <td>${shop.returnRefundProcess}</td>
                  <td>${shop.customerImport}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
      }).text,
    );
  });

  app.get<{ Params: { code: string } }>('/shops/:code', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    const code = request.params.code.toUpperCase();
    const shop = await getShopCard(deps.orm, code);
    if (!shop)
      return reply
        .code(404)
        .type('text/html')
        .send(
          page({
            title: 'No such shop card',
            path: '/shops',
            viewer,
            body: html`<p>No shop card ${code}.</p>`,
          }).text,
        );
    const [locations, methods, shopTemplates, templates] = await Promise.all([
      listLocationMappings(deps.orm, code),
      listShipmentMethodMappings(deps.orm, code),
      listShopCustomerTemplates(deps.orm, code),
      listCustomerTemplates(deps.orm),
    ]);
    const back = `/shops/${code}`;
    const act = canAct(viewer);
    return reply.type('text/html').send(
      page({
        title: `Shop card ${code}`,
        path: '/shops',
        viewer,
        flash: takeFlash(request),
        body: html`<h2>Settings</h2>
          <form method="post" action="/shops/${code}/settings" class="stacked">
            ${csrfField(viewer)}<input type="hidden" name="back" value="${back}" />
            ${SWITCHES.map(
              ([name, label]) =>
                html`<p>
                  <label
                    ><input
                      type="checkbox"
                      name="${name}"
                      value="true"
                      ${shop[name] ? html`checked` : ''}
                      ${act ? '' : html`disabled`}
                    />
                    ${label}</label
                  >
                </p>`,
            )}
            <p>
              <label
                >Default customer no.
                <input
                  name="defaultCustomerNo"
                  value="${shop.defaultCustomerNo ?? ''}"
                  ${act ? '' : html`disabled`}
              /></label>
            </p>
            ${act ? html`<button type="submit">Save settings</button>` : ''}
          </form>
          <h2>Locations</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Shopify location</th>
                <th scope="col">ERP location</th>
              </tr>
            </thead>
            <tbody>
              ${locations.map(
                (location) =>
                  html`<tr>
                    <td>${location.shopifyLocationName}</td>
                    <td>
                      ${location.locationCode ?? ''}
                      ${postForm(
                        viewer,
                        `/shops/${code}/locations`,
                        back,
                        html`<input
                            type="hidden"
                            name="shopifyLocationId"
                            value="${location.shopifyLocationId}"
                          />
                          <label
                            >ERP location for ${location.shopifyLocationName}
                            <input name="locationCode" value="${location.locationCode ?? ''}" size="10"
                          /></label>
                          <button type="submit">Save</button>`,
                      )}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
          <h2>Shipment methods</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Shopify shipping method</th>
                <th scope="col">ERP shipment method</th>
              </tr>
            </thead>
            <tbody>
              ${methods.map(
                (method) =>
                  html`<tr>
                    <td>${method.shopifyMethodName}</td>
                    <td>
                      ${method.shipmentMethodCode ?? ''}
                      ${postForm(
                        viewer,
                        `/shops/${code}/shipment-methods`,
                        back,
                        html`<input
                            type="hidden"
                            name="shopifyMethodName"
                            value="${method.shopifyMethodName}"
                          />
                          <label
                            >ERP method for ${method.shopifyMethodName}
                            <input
                              name="shipmentMethodCode"
                              value="${method.shipmentMethodCode ?? ''}"
                              size="10"
                          /></label>
                          <button type="submit">Save</button>`,
                      )}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
          <h2>Items</h2>
          ${postForm(
            viewer,
            `/shops/${code}/items`,
            back,
            html`<label>Shopify variant id <input name="variant" required size="14" /></label>
              <label>ERP item no. <input name="item" required size="10" /></label
              ><button type="submit">Map item</button>`,
          )}
          <h2>Customer templates</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col">Template</th>
              </tr>
            </thead>
            <tbody>
              ${shopTemplates.map(
                (row) =>
                  html`<tr>
                    <td>${row.countryCode}</td>
                    <td>${row.templateCode ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${postForm(
            viewer,
            `/shops/${code}/customer-templates`,
            back,
            html`<label>Country <input name="country" required size="3" /></label>
              <label
                >Template
                <select name="template">
                  ${templates.map((template) => html`<option value="${template.code}">${template.code}</option>`)}
                </select></label
              >
              <button type="submit">Set template</button>`,
          )}`,
      }).text,
    );
  });

  const code = (request: { params: unknown }) => (request.params as { code: string }).code.toUpperCase();
  app.post('/shops/:code/settings', async (request, reply) =>
    runAction(request, reply, backTo(request, `/shops/${code(request)}`), async () => {
      const settings: Record<string, unknown> = Object.fromEntries(
        SWITCHES.map(([name]) => [name, field(request, name) === 'true']),
      );
      settings.defaultCustomerNo = field(request, 'defaultCustomerNo') || null;
      await updateShopCard(deps.orm, code(request), { settings });
      return `Shop card ${code(request)} saved.${await wake('shop-card', code(request))}`;
    }),
  );
  app.post('/shops/:code/locations', async (request, reply) =>
    runAction(request, reply, backTo(request, `/shops/${code(request)}`), async () => {
      const saved = await setLocationMapping(
        deps.orm,
        code(request),
        field(request, 'shopifyLocationId'),
        field(request, 'locationCode') || null,
      );
      return `${saved.shopifyLocationName} → ${saved.locationCode ?? '(none)'}.${await wake('location-mapping', code(request))}`;
    }),
  );
  app.post('/shops/:code/shipment-methods', async (request, reply) =>
    runAction(request, reply, backTo(request, `/shops/${code(request)}`), async () => {
      const saved = await setShipmentMethodMapping(
        deps.orm,
        code(request),
        field(request, 'shopifyMethodName'),
        field(request, 'shipmentMethodCode') || null,
      );
      return `${saved.shopifyMethodName} → ${saved.shipmentMethodCode ?? '(none)'}.${await wake('shipment-method-mapping', code(request))}`;
    }),
  );
  app.post('/shops/:code/items', async (request, reply) =>
    runAction(request, reply, backTo(request, `/shops/${code(request)}`), async () => {
      const shop = await getShopCard(deps.orm, code(request));
      if (!shop) throw new Error(`No shop card ${code(request)}`);
      const mapped = await mapItem(
        deps.orm,
        shop.shopDomain,
        field(request, 'variant'),
        field(request, 'item'),
      );
      return `Variant ${mapped.shopifyVariantId} → item ${mapped.itemNo}.${await wake('item-mapping')}`;
    }),
  );
  app.post('/shops/:code/customer-templates', async (request, reply) =>
    runAction(request, reply, backTo(request, `/shops/${code(request)}`), async () => {
      const saved = await setShopCustomerTemplate(deps.orm, {
        shopCode: code(request),
        countryCode: field(request, 'country'),
        templateCode: field(request, 'template') || null,
      });
      return `${saved.shopCode} ${saved.countryCode}: template ${saved.templateCode ?? '(none)'}.${await wake('customer-template', code(request))}`;
    }),
  );

  app.get('/schedules', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    const client = await deps.temporalClient();
    const [orders, shipments] = await Promise.all([
      listOrderSyncSchedules(client),
      listShipmentSyncSchedules(client),
    ]);
    const rows = [
      ...orders.map((schedule) => ({ kind: 'orders', ...schedule })),
      ...shipments.map((schedule) => ({ kind: 'shipments', ...schedule })),
    ];
    return reply.type('text/html').send(
      page({
        title: 'Schedules',
        path: '/schedules',
        viewer,
        flash: takeFlash(request),
        body:
          rows.length === 0
            ? html`<p>
                No schedules: create them with <code>orderbridge schedule create --shop CODE</code>.
              </p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Schedule</th>
                    <th scope="col">Every</th>
                    <th scope="col">State</th>
                    <th scope="col">Last run</th>
                    <th scope="col">Next run</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (row) =>
                      html`<tr data-schedule="${row.scheduleId}">
                        <td>${row.scheduleId}</td>
                        <td>${row.every}</td>
                        <td>${row.paused ? 'paused' : 'running'}</td>
                        <td>${row.lastRunAt}</td>
                        <td>${row.nextRunAt}</td>
                        <td>
                          ${(['pause', 'unpause', 'trigger'] as const).map((verb) =>
                            postForm(
                              viewer,
                              `/schedules/${row.kind}/${row.shopCode}/${verb}`,
                              '/schedules',
                              html`<button type="submit" aria-label="${verb} ${row.scheduleId}">
                                ${verb}
                              </button>`,
                            ),
                          )}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`,
      }).text,
    );
  });

  app.post<{ Params: { kind: string; shop: string; verb: string } }>(
    '/schedules/:kind/:shop/:verb',
    async (request, reply) =>
      runAction(request, reply, '/schedules', async () => {
        const { kind, verb } = request.params;
        const shopCode = request.params.shop.toUpperCase();
        if (!['pause', 'unpause', 'trigger'].includes(verb))
          throw new Error(`Unknown schedule action ${verb}`);
        const client = await deps.temporalClient();
        const withSchedule = kind === 'shipments' ? withShipmentSyncSchedule : withOrderSyncSchedule;
        await withSchedule(client, shopCode, async (handle) => {
          if (verb === 'pause')
            await handle.pause(`paused from the console by ${request.session.username ?? ''}`);
          else if (verb === 'unpause')
            await handle.unpause(`unpaused from the console by ${request.session.username ?? ''}`);
          else await handle.trigger();
        });
        const described = await client.schedule
          .getHandle(`${kind === 'shipments' ? 'shipment' : 'order'}-sync:${shopCode}`)
          .describe()
          .catch(() => null);
        return `Schedule of ${shopCode} (${kind}): ${verb} done${described ? `; now ${described.state.paused ? 'paused' : 'running'}, next run ${described.info.nextActionTimes[0]?.toISOString() ?? 'none'}` : ''}.`;
      }),
  );
}

import { ApplicationFailure, cancellationSignal } from '@temporalio/activity';
import { findFulfillmentOfRequest, type ExistingFulfillment } from '../domain/fulfillment-reconciliation';
import { closeDecision, type ShopifyOrderFacts } from '../domain/order-closing';
import {
  planShipmentFulfillment,
  shipmentSyncResult,
  type FulfillmentOrderFacts,
  type RequestOutcome,
} from '../domain/shipment-fulfillment-plan';
import { orderCloseRefused } from '../domain/shipment-problems';
import { shipmentTracking } from '../domain/shipment-tracking';
import { loadOrderCloseFacts, recordOrderClosed, recordOrderCloseRefused } from '../erp/services/orders';
import {
  countSyncAttempt,
  finishShipmentSync,
  type FulfillmentRequestRow,
  fulfillmentsOwnedByOtherShipments,
  loadShipmentForSync,
  markRequestCreated,
  markRequestRefused,
  markRequestSending,
  recordShipmentSyncError,
  ShipmentNotFoundError,
  storeShipmentPlan,
} from '../erp/services/shipments';
import { ShopCredentialsRefusedError } from '../shopify/credentials-refused';
import { ShopifyAuthError, ShopifyNotFoundError, ShopifyUserErrors } from '../shopify/errors';
import { ShopCredentialsMissingError } from './shop-access-tokens';
import { createFulfillment } from '../shopify/fulfillments';
import { closeOrder } from '../shopify/order-close';
import { fetchOrderFulfillmentState, type OrderFulfillmentState } from '../shopify/order-fulfillment-state';
import type { ActivityDeps } from './deps';
import { fulfillmentsCreated } from '../platform/metrics';
import type {
  CloseOrderInput,
  CloseOrderResult,
  SyncShipmentInput,
  SyncShipmentResult,
} from '../workflows/contracts/shipment';
import type { createShopifyClientSource } from './shopify-clients';

/**
 * A request whose answer was lost is sent again only this long after it was sent, and only when
 * the order's fulfillments show nothing it made: by then the lost call has ended one way or the
 * other (the Shopify client gives up on a request after 30 s).
 */
export const DEFAULT_SHIPMENT_RESEND_AFTER_MS = 60_000;

/** Fulfillment-order statuses whose remaining units still wait to be fulfilled. */
const OPEN_WORK = new Set(['OPEN', 'IN_PROGRESS', 'SCHEDULED', 'ON_HOLD', 'INCOMPLETE']);

function fulfillmentOrdersOf(order: OrderFulfillmentState): FulfillmentOrderFacts[] {
  return order.fulfillmentOrders.nodes.map((fulfillmentOrder) => ({
    id: fulfillmentOrder.id,
    status: fulfillmentOrder.status,
    assignedLocationId: fulfillmentOrder.assignedLocation.location?.id ?? null,
    deliveryMethodType: fulfillmentOrder.deliveryMethod?.methodType ?? null,
    lines: fulfillmentOrder.lineItems.nodes.map((line) => ({
      id: line.id,
      shopifyLineId: line.lineItem.id,
      remainingQuantity: line.remainingQuantity,
    })),
  }));
}

function fulfillmentsOf(order: OrderFulfillmentState): ExistingFulfillment[] {
  return order.fulfillments.map((fulfillment) => ({
    id: fulfillment.id,
    status: fulfillment.status,
    locationId: fulfillment.location?.id ?? null,
    trackingNumbers: fulfillment.trackingInfo.flatMap((tracking) =>
      tracking.number ? [tracking.number] : [],
    ),
    lines: fulfillment.fulfillmentLineItems.nodes.map((line) => ({
      shopifyLineId: line.lineItem.id,
      quantity: line.quantity ?? 0,
    })),
  }));
}

/** Shopify's fulfilment status once the units just sent are taken off what was open. */
function fulfillmentStatusAfter(order: OrderFulfillmentState, unitsSentNow: number): string {
  if (unitsSentNow === 0) return order.displayFulfillmentStatus;
  const open = order.fulfillmentOrders.nodes
    .filter((fulfillmentOrder) => OPEN_WORK.has(fulfillmentOrder.status))
    .reduce(
      (total, fulfillmentOrder) =>
        total + fulfillmentOrder.lineItems.nodes.reduce((sum, line) => sum + line.remainingQuantity, 0),
      0,
    );
  return open - unitsSentNow <= 0 ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An order gone from Shopify or a token Shopify refuses will not heal by retrying: fail the step. */
function finalIfHopeless(error: unknown): unknown {
  if (
    error instanceof ShopifyNotFoundError ||
    error instanceof ShopifyAuthError ||
    error instanceof ShopCredentialsRefusedError ||
    error instanceof ShopCredentialsMissingError
  )
    return ApplicationFailure.nonRetryable(error.message, error.name);
  return error;
}

export function createShipmentActivities(
  deps: ActivityDeps,
  shopifyClientFor: ReturnType<typeof createShopifyClientSource>,
) {
  const resendAfterMs = deps.shipmentResendAfterMs ?? DEFAULT_SHIPMENT_RESEND_AFTER_MS;

  return {
    /**
     * Sends one posted shipment to Shopify as fulfillments, at most once (SPEC §5): reads the
     * order's fulfillment orders and fulfillments, plans the requests, and for each records the
     * intent, calls fulfillmentCreate, and records the answer. A request whose answer was lost is
     * looked for among the order's fulfillments before it is ever sent again. A settled shipment
     * returns its stored outcome without asking Shopify anything.
     */
    async syncShipmentToShopify(input: SyncShipmentInput): Promise<SyncShipmentResult> {
      let shipment;
      try {
        shipment = await loadShipmentForSync(deps.orm, input.shipmentId);
      } catch (error) {
        if (error instanceof ShipmentNotFoundError)
          throw ApplicationFailure.nonRetryable(error.message, 'ShipmentNotFound');
        throw error;
      }
      const summary = (
        result: NonNullable<typeof shipment.sync.result>,
        extra: Partial<SyncShipmentResult> = {},
      ): SyncShipmentResult => ({
        shipmentId: shipment.shipmentId,
        shipmentNo: shipment.shipmentNo,
        status: result.status,
        shopifyFulfillmentIds: result.shopifyFulfillmentIds,
        needsAttention: result.needsAttention,
        attention: result.needsAttention
          ? result.lines
              .filter((line) => line.notSent.length > 0)
              .map(
                (line) =>
                  `${line.description}: ${line.notSent.map((part) => `${part.quantity} not sent, ${part.detail}`).join('; ')}`,
              )
          : [],
        shopifyRequests: 0,
        ...extra,
      });
      if (shipment.sync.result) return summary(shipment.sync.result);
      if (!shipment.shopify) {
        throw ApplicationFailure.nonRetryable(
          `Posted shipment ${shipment.shipmentNo} belongs to sales order ${shipment.orderNo}, which does not come from Shopify: nothing to send`,
          'ShipmentNotFromShopify',
        );
      }
      const shopify = shipment.shopify;
      const client = await shopifyClientFor(deps.orm.em.fork(), shopify.shopCode);
      const requestsBefore = client.counters.snapshot().requests;
      const signal = cancellationSignal();
      try {
        const { order } = await fetchOrderFulfillmentState(client, shopify.shopifyOrderId, { signal });
        const existing = fulfillmentsOf(order);
        const tracking = shipmentTracking(shipment.agent, shipment.packageTrackingNo);
        let plan = shipment.sync.plan;
        let requests: FulfillmentRequestRow[] = shipment.requests;
        if (requests.every((request) => request.status === 'planned')) {
          // Nothing was sent yet: plan (again) from what Shopify has open now.
          ({ plan, requests } = await storeShipmentPlan(
            deps.orm,
            shipment.sync.id,
            planShipmentFulfillment({
              lines: shipment.lines,
              fulfillmentOrders: fulfillmentOrdersOf(order),
              locationMappings: shipment.locationMappings,
            }),
            tracking,
          ));
        } else {
          await countSyncAttempt(deps.orm, shipment.sync.id);
        }
        // Fulfillments other shipments own matter only when an unanswered request is reconciled.
        const claimed = requests.some((request) => request.status === 'sending')
          ? await fulfillmentsOwnedByOtherShipments(deps.orm, shopify, shipment.sync.id)
          : [];
        const outcomes = new Map<number, RequestOutcome>();
        let unitsSentNow = 0;
        for (const request of requests) {
          if (request.status === 'created') {
            claimed.push(request.shopifyFulfillmentId!);
            outcomes.set(request.requestNo, {
              state: 'created',
              shopifyFulfillmentId: request.shopifyFulfillmentId!,
            });
            continue;
          }
          if (request.status === 'refused') {
            outcomes.set(request.requestNo, { state: 'refused', message: request.refusal ?? 'refused' });
            continue;
          }
          if (request.status === 'sending') {
            const made = findFulfillmentOfRequest(
              {
                request: request.request,
                trackingNumber: request.tracking?.number ?? null,
                fulfillmentIdsBefore: request.fulfillmentIdsBefore,
                claimedFulfillmentIds: claimed,
              },
              existing,
            );
            if (made) {
              await markRequestCreated(deps.orm, request.id, { id: made.id, name: null });
              claimed.push(made.id);
              outcomes.set(request.requestNo, { state: 'created', shopifyFulfillmentId: made.id });
              deps.logger.info(
                { shipmentNo: shipment.shipmentNo, requestNo: request.requestNo, fulfillmentId: made.id },
                'an unanswered fulfillmentCreate had gone through: recorded, not sent again',
              );
              continue;
            }
            const waitMs = (request.sentAt?.getTime() ?? 0) + resendAfterMs - Date.now();
            if (waitMs > 0) {
              throw ApplicationFailure.create({
                message: `Shipment ${shipment.shipmentNo}: fulfillment request ${request.requestNo} was sent without an answer and Shopify shows no fulfillment for it yet; it is sent again only after ${resendAfterMs} ms`,
                type: 'FulfillmentOutcomePending',
                nextRetryDelay: Math.max(waitMs, 100),
              });
            }
          }
          if (
            !(await markRequestSending(
              deps.orm,
              request,
              existing.map((fulfillment) => fulfillment.id),
            ))
          ) {
            throw ApplicationFailure.retryable(
              `Shipment ${shipment.shipmentNo}: fulfillment request ${request.requestNo} changed under this attempt; trying again`,
              'FulfillmentRequestBusy',
            );
          }
          let created;
          try {
            created = await createFulfillment(
              client,
              {
                lineItemsByFulfillmentOrder: request.request.fulfillmentOrders.map((entry) => ({
                  fulfillmentOrderId: entry.fulfillmentOrderId,
                  fulfillmentOrderLineItems: entry.lines,
                })),
                ...(request.tracking ? { trackingInfo: request.tracking } : {}),
                notifyCustomer: true,
                subject: `shipment ${shipment.shipmentNo} of order ${shopify.orderName}`,
              },
              { signal },
            );
          } catch (error) {
            if (!(error instanceof ShopifyUserErrors)) throw error;
            await markRequestRefused(deps.orm, request.id, error.message);
            outcomes.set(request.requestNo, { state: 'refused', message: error.message });
            continue;
          }
          await deps.afterSideEffect?.(
            'syncShipmentToShopify',
            `${shipment.shipmentId}:${request.requestNo}`,
          );
          await markRequestCreated(deps.orm, request.id, { id: created.id, name: created.name });
          fulfillmentsCreated.inc();
          claimed.push(created.id);
          unitsSentNow += request.request.allocations.reduce(
            (total, allocation) => total + allocation.quantity,
            0,
          );
          outcomes.set(request.requestNo, { state: 'created', shopifyFulfillmentId: created.id });
        }
        const result = shipmentSyncResult(plan!, outcomes);
        await finishShipmentSync(deps.orm, shipment.sync.id, result);
        return summary(result, {
          shopifyOrder: {
            closed: order.closed,
            fulfillmentStatus: fulfillmentStatusAfter(order, unitsSentNow),
            observedAt: new Date().toISOString(),
          },
          shopifyRequests: client.counters.snapshot().requests - requestsBefore,
        });
      } catch (error) {
        await recordShipmentSyncError(deps.orm, shipment.sync.id, describe(error)).catch(() => undefined);
        throw finalIfHopeless(error);
      }
    },

    /**
     * Closes the order in Shopify and archives its document once it is done in both systems
     * (SPEC §5); otherwise says what it waits for. A refusal by Shopify is kept as the order's
     * problem. orderClose is harmless to repeat, so a lost answer is simply retried.
     */
    async closeOrderIfComplete(input: CloseOrderInput): Promise<CloseOrderResult> {
      const facts = await loadOrderCloseFacts(deps.orm, input.importedOrderId);
      const fresh = input.shopifyOrder;
      const shopify: ShopifyOrderFacts =
        fresh && Date.parse(fresh.observedAt) > facts.importedAt.getTime()
          ? {
              ...facts.shopify,
              closed: fresh.closed || facts.shopify.closed,
              fulfillmentStatus: fresh.fulfillmentStatus,
            }
          : facts.shopify;
      const decision = closeDecision({
        shopify,
        document: facts.document,
        shipmentsAwaitingSync: facts.shipmentsAwaitingSync,
        closeRequiresInvoice: facts.closeRequiresInvoice,
        shopCode: facts.shopCode,
      });
      if (decision.action === 'wait') return { outcome: 'waiting', reasons: decision.reasons };
      let closedAt: string | null = null;
      if (decision.action === 'close') {
        const client = await shopifyClientFor(deps.orm.em.fork(), facts.shopCode);
        try {
          const closed = await closeOrder(client, facts.shopifyOrderId, {
            signal: cancellationSignal(),
            subject: `order ${facts.orderName}`,
          });
          closedAt = closed.closedAt ?? null;
        } catch (error) {
          if (!(error instanceof ShopifyUserErrors)) throw finalIfHopeless(error);
          const reason = error.userErrors.map((userError) => userError.message).join('; ');
          const problem = orderCloseRefused(facts.orderName, reason);
          await recordOrderCloseRefused(deps.orm, input.importedOrderId, problem);
          return { outcome: 'refused', problem };
        }
        await deps.afterSideEffect?.('closeOrderIfComplete', String(input.importedOrderId));
      }
      const recorded = await recordOrderClosed(deps.orm, input.importedOrderId, closedAt);
      return {
        outcome: 'closed',
        alreadyClosed: decision.action === 'already-closed',
        archived: recorded.archived,
        documentNo: recorded.documentNo,
      };
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { ImportOrderResult } from '../../../../workflows/contracts/order';
import type { OrderProblem } from '../../../../domain/order-problems';
import {
  applyCloseStep,
  applyDocumentStep,
  applyImportStep,
  applyNoDocumentWanted,
  applyRecheckDue,
  applyResendFailedShipments,
  applyShipmentStep,
  beginImport,
} from '../../../../workflows/order/apply-step';
import { nextStep } from '../../../../workflows/order/next-step';
import { carryOver, startState } from '../../../../workflows/order/state';
import { FIRST_RECHECK_MS, importedOrder, newOrder, NOW, orderWithDocument } from './order-state-fixture';

const imported = (overrides: Partial<ImportOrderResult> = {}): ImportOrderResult => ({
  importedOrderId: 7,
  orderName: '#1001',
  shopifyUpdatedAt: '2026-12-07T10:00:00Z',
  firstImport: true,
  changed: true,
  autoCreateDocument: true,
  hasDocument: false,
  shopifyRequests: 1,
  ...overrides,
});

const itemNotMapped: OrderProblem = {
  code: 'ITEM_NOT_MAPPED',
  severity: 'error',
  orderName: '#1001',
  field: 'lines.0.sku',
  message: 'Order #1001: SKU SHOP-GADGET is not mapped',
  fix: 'orderbridge map item',
};

describe('the import step', () => {
  it('takes the change off the queue, then records the imported order and moves on to settle', () => {
    const state = newOrder();
    const step = nextStep(state, { now: NOW, continueAsNewSuggested: false });
    if (step.kind !== 'import') throw new Error(step.kind);
    expect(beginImport(state, step)).toEqual({
      store: 'acme.myshopify.com',
      shopifyOrderId: 'gid://shopify/Order/1',
      shopCode: 'WEB',
    });
    expect(state.pendingChange).toBeUndefined();
    applyImportStep(state, imported(), { problems: [] }, FIRST_RECHECK_MS);
    expect(state.status).toMatchObject({
      importedOrderId: 7,
      orderName: '#1001',
      imports: 1,
      stage: 'imported',
    });
    expect(state.run).toMatchObject({ phase: 'settle', processAttempts: 1, dirtySinceLastAttempt: false });
  });

  it('an import that fails shows its problems and needs attention', () => {
    const state = newOrder();
    applyImportStep(state, imported({ importedOrderId: undefined, problems: [itemNotMapped] }), undefined, 1);
    expect(state.status).toMatchObject({
      stage: 'needs-attention',
      hasError: true,
      problems: [itemNotMapped],
    });
  });

  it('an order that already has its document asks for a close check', () => {
    const state = newOrder();
    applyImportStep(state, imported({ hasDocument: true, firstImport: false, changed: false }), undefined, 1);
    expect(state).toMatchObject({ documentExists: true, closeCheckRequested: true });
    expect(state.run.dirtySinceLastAttempt).toBe(true);
  });

  it('a first import of a cancelled order is skipped', () => {
    const state = newOrder();
    applyImportStep(state, imported({ importedOrderId: undefined, skipped: 'cancelled' }), undefined, 1);
    expect(state.status).toMatchObject({ stage: 'skipped', skippedReason: 'cancelled' });
  });
});

describe('the document step', () => {
  it('a created document clears the error, the operator request and the re-check back-off', () => {
    const state = importedOrder({ dirty: true });
    state.status.stage = 'needs-attention';
    state.status.hasError = true;
    state.documentWanted = true;
    state.run.recheckDelayMs = 8 * FIRST_RECHECK_MS;
    const document = {
      documentType: 'order' as const,
      documentNo: 'SO1',
      status: 'open' as const,
      totalDifference: '0',
    };
    applyDocumentStep(state, { problems: [], document }, FIRST_RECHECK_MS);
    expect(state.status).toMatchObject({ stage: 'document-created', hasError: false, document });
    expect(state).toMatchObject({ documentWanted: false, documentExists: true, closeCheckRequested: false });
    expect(state.run).toMatchObject({ recheckDelayMs: FIRST_RECHECK_MS, phase: 'resend' });
  });

  it('an invoice (nothing to ship) asks for a close check at once', () => {
    const state = importedOrder({ dirty: true });
    const document = {
      documentType: 'invoice' as const,
      documentNo: 'SI1',
      status: 'open' as const,
      totalDifference: '0',
    };
    applyDocumentStep(state, { problems: [], document }, FIRST_RECHECK_MS);
    expect(state.closeCheckRequested).toBe(true);
  });

  it('a blocking problem needs attention; the retry and the request are answered', () => {
    const state = importedOrder({ dirty: true });
    state.run.retryRequested = true;
    state.run.documentRequested = true;
    applyDocumentStep(state, { problems: [itemNotMapped] }, FIRST_RECHECK_MS);
    expect(state.status).toMatchObject({ stage: 'needs-attention', hasError: true });
    expect(state.run).toMatchObject({ retryRequested: false, documentRequested: false, processAttempts: 1 });
  });

  it('no document wanted: waiting operators are answered, a retry is dropped', () => {
    const state = importedOrder();
    state.run.retryRequested = true;
    applyNoDocumentWanted(state);
    expect(state.run).toMatchObject({ processAttempts: 1, retryRequested: false, phase: 'resend' });
  });
});

describe('shipments and closing', () => {
  it('a failed shipment is recorded as a problem and resent by a retry', () => {
    const state = orderWithDocument();
    state.pendingShipments = [{ shipmentId: 11, shopCode: 'WEB' }];
    applyShipmentStep(state, 11, { failed: 'shipment deleted' });
    expect(state.status.shipments).toEqual([
      { shipmentId: 11, status: 'failed', shopifyFulfillmentIds: [], needsAttention: true },
    ]);
    expect(state.status.problems.map((problem) => problem.code)).toEqual(['SHIPMENT_NOT_SYNCED']);
    expect(state).toMatchObject({ pendingShipments: [], closeCheckRequested: true });
    state.run.retryRequested = true;
    applyResendFailedShipments(state);
    expect(state.pendingShipments).toEqual([{ shipmentId: 11, shopCode: 'WEB' }]);
    expect(state.run).toMatchObject({ retryRequested: false, phase: 'ship' });
  });

  it('a fulfilled shipment keeps Shopify’s fresh view for the close check', () => {
    const state = orderWithDocument();
    state.pendingShipments = [{ shipmentId: 11, shopCode: 'WEB' }];
    const shopifyOrder = {
      closed: false,
      fulfillmentStatus: 'FULFILLED',
      observedAt: '2026-12-07T11:00:00Z',
    };
    applyShipmentStep(state, 11, {
      shipmentId: 11,
      shipmentNo: 'SHP1',
      status: 'fulfilled',
      shopifyFulfillmentIds: ['gid://shopify/Fulfillment/1'],
      needsAttention: false,
      attention: [],
      shopifyOrder,
      shopifyRequests: 2,
    });
    expect(state.shopifyOrderState).toEqual(shopifyOrder);
    expect(state.status.shipments?.[0]).toMatchObject({ shipmentNo: 'SHP1', status: 'fulfilled' });
  });

  it('closing: refused needs attention; waiting keeps the stage; closed ends the run', () => {
    const state = orderWithDocument();
    const refusal = {
      ...itemNotMapped,
      code: 'ORDER_CLOSE_REFUSED' as const,
      field: 'closed',
      message: 'refused',
    };
    applyCloseStep(state, { outcome: 'refused', problem: refusal });
    expect(state.status).toMatchObject({
      stage: 'needs-attention',
      hasError: true,
      closing: { state: 'refused' },
    });
    applyCloseStep(state, { outcome: 'waiting', reasons: ['Shopify: not paid'] });
    expect(state.status).toMatchObject({ stage: 'document-created', hasError: false, problems: [] });
    applyCloseStep(state, { outcome: 'closed', alreadyClosed: false, archived: true, documentNo: 'SO0001' });
    expect(state.status).toMatchObject({ stage: 'closed', closing: { state: 'closed', archived: true } });
    expect(state.run).toMatchObject({ closed: true, closeAttempts: 3, phase: 'end' });
  });
});

describe('the re-check and continue-as-new', () => {
  it('each re-check retries and doubles the wait, up to the maximum', () => {
    const state = importedOrder();
    applyRecheckDue(state, 3 * FIRST_RECHECK_MS);
    expect(state.run).toMatchObject({ retryRequested: true, recheckDelayMs: 2 * FIRST_RECHECK_MS });
    applyRecheckDue(state, 3 * FIRST_RECHECK_MS);
    expect(state.run.recheckDelayMs).toBe(3 * FIRST_RECHECK_MS);
  });

  it('the next run inherits everything but the run state, which starts afresh', () => {
    const state = orderWithDocument();
    state.pendingShipments = [{ shipmentId: 11, shopCode: 'WEB' }];
    state.closeCheckRequested = true;
    state.published = { stage: 'document-created', hasError: false, orderName: '#1001' };
    state.run.retryRequested = true;
    state.run.closed = true;
    const carried = carryOver(state);
    expect(carried).toMatchObject({ publishedStage: 'document-created', publishedOrderName: '#1001' });
    const nextRun = startState(
      { store: 'acme.myshopify.com', shopifyOrderId: 'gid://shopify/Order/1', carried },
      FIRST_RECHECK_MS,
    );
    const { run, ...inherited } = nextRun;
    const { run: _previousRun, ...before } = state;
    expect(inherited).toEqual(before);
    expect(run).toMatchObject({
      phase: 'import',
      retryRequested: false,
      closed: false,
      dirtySinceLastAttempt: true,
    });
    expect(run.newestRequested).toBe('2026-12-07T10:00:00Z');
  });
});

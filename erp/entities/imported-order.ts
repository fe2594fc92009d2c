import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ShopCard } from './shop-card';
import { moneyColumn } from './money-columns';
import type {
  KeyValue,
  OrderAddress,
  OrderCustomer,
  OrderSnapshot,
  RiskAssessment,
  TaxLine,
} from '../../domain/order-snapshot';
import type { OrderProblem } from '../../domain/order-problems';
import { ERP_ORDER_STAGES, type ErpOrderStage } from '../../domain/order-stage';

/** Where an imported order stands, in the one stage vocabulary; has-error is separate. */
export type ImportedOrderStage = ErpOrderStage;

/**
 * A Shopify order as imported into the ERP (SPEC §3 stage 2, §8): Shopify's data in both money bags,
 * plus what the ERP decided (customer, currency, shipment method, tax area) and any problems.
 * Unique per store: two shop cards on one store can never import the same order twice.
 */
export const ImportedOrder = defineEntity({
  name: 'ImportedOrder',
  tableName: 'imported_order',
  properties: {
    id: p.integer().primary().autoincrement(),
    store: p.string().length(255),
    /** Order GID. */
    shopifyOrderId: p.string().length(100),
    legacyResourceId: p.string().length(30),
    /** The shop card that imported the order; its settings apply. */
    shopCode: p.manyToOne(ShopCard).mapToPk().joinColumn('shop_code'),
    name: p.string().length(50),
    number: p.integer(),
    stage: p.enum([...ERP_ORDER_STAGES]).default('imported'),
    hasError: p.boolean().default(false),
    errorText: p.text().nullable(),
    problems: p.json<OrderProblem[]>().default('[]'),
    /** Set when Shopify changed the order in a way its sales document cannot follow. */
    conflictText: p.text().nullable(),

    shopifyCreatedAt: p.datetime(),
    shopifyUpdatedAt: p.datetime(),
    processedAt: p.datetime(),
    closed: p.boolean().default(false),
    closedAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    cancelReason: p.string().length(20).nullable(),
    confirmed: p.boolean().default(true),
    test: p.boolean().default(false),
    edited: p.boolean().default(false),
    financialStatus: p.string().length(30).nullable(),
    fulfillmentStatus: p.string().length(30),
    fullyPaid: p.boolean().default(false),
    unpaid: p.boolean().default(false),
    currencyCode: p.string().length(10),
    presentmentCurrencyCode: p.string().length(10),
    taxesIncluded: p.boolean().default(false),
    taxExempt: p.boolean().default(false),
    email: p.string().length(255).nullable(),
    phone: p.string().length(50).nullable(),
    note: p.text().nullable(),
    poNumber: p.string().length(100).nullable(),
    sourceName: p.string().length(100).nullable(),
    channel: p.string().length(100).nullable(),
    riskLevel: p.string().length(10).nullable(),
    riskRecommendation: p.string().length(20).nullable(),
    /** Every assessment, Shopify's and apps' (riskLevel is the highest of them). */
    riskAssessments: p.json<RiskAssessment[]>().default('[]'),
    tags: p.json<string[]>().default('[]'),
    attributes: p.json<KeyValue[]>().default('[]'),
    retailLocationId: p.string().length(100).nullable(),
    retailLocationName: p.string().length(255).nullable(),
    statusPageUrl: p.text().nullable(),
    shopifyCustomerId: p.string().length(100).nullable(),
    customer: p.json<OrderCustomer | null>().nullable(),
    billingAddress: p.json<OrderAddress | null>().nullable(),
    shippingAddress: p.json<OrderAddress | null>().nullable(),
    taxLines: p.json<TaxLine[]>().default('[]'),
    subtotalLineItemsQuantity: p.integer().default(0),
    currentSubtotalLineItemsQuantity: p.integer().default(0),

    /** Shopify's current total (after edits and refunds); the document is reconciled with it. */
    currentTotalShop: moneyColumn(),
    currentTotalPresentment: moneyColumn(),
    totalTipShop: moneyColumn(),
    totalTipPresentment: moneyColumn(),

    /** What mapping decided, or an operator set; the document uses these. */
    sellToCustomerNo: p.string().length(20).nullable(),
    billToCustomerNo: p.string().length(20).nullable(),
    /** Set by an operator: mapping never overwrites it. */
    customerSetByOperator: p.boolean().default(false),
    /** Template an operator chose for creating this order's customer. */
    customerTemplateCode: p.string().length(20).nullable(),
    shipmentMethodCode: p.string().length(10).nullable(),
    taxAreaCode: p.string().length(20).nullable(),

    /** The latest snapshot from Shopify. */
    snapshot: p.json<OrderSnapshot>(),
    /** The snapshot the sales document was built from: the baseline for conflict detection. */
    documentBaseline: p.json<OrderSnapshot | null>().nullable(),
    importCount: p.integer().default(1),
    firstImportedAt: p.datetime().defaultRaw('current_timestamp'),
    lastImportedAt: p.datetime().defaultRaw('current_timestamp'),
    updatedAt: p
      .datetime()
      .defaultRaw('current_timestamp')
      .onUpdate(() => new Date()),
    version: p.integer().version(),
  },
  uniques: [{ properties: ['store', 'shopifyOrderId'] }],
  indexes: [{ properties: ['shopCode', 'stage'] }, { properties: ['hasError'] }],
});

export type ImportedOrder = InferEntity<typeof ImportedOrder>;

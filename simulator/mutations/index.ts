import type { Resolver } from '../execution';
import type { BulkOperationsService } from '../records';
import type { ShopStore } from '../store';
import { fulfillmentCreate, fulfillmentOrderMove, type FulfillmentInput } from './fulfillment';
import { orderCreate, type OrderCreateOrderInput } from './order-create';
import { giftCardCreate } from './gift-cards';
import {
  orderEditAddCustomItem,
  orderEditAddLineItemDiscount,
  orderEditAddShippingLine,
  orderEditAddVariant,
  orderEditBegin,
  orderEditCommit,
  orderEditSetQuantity,
} from './order-edit';
import {
  changeTags,
  orderCancel,
  orderClose,
  orderMarkAsPaid,
  orderOpen,
  type OrderCancelArgs,
} from './order-lifecycle';
import { orderRiskAssessmentCreate, type OrderRiskAssessmentCreateInput } from './order-risk';
import { productCreate, productVariantsBulkCreate } from './products';
import { refundCreate, type RefundInput } from './refund';
import { returnClose, returnCreate, type ReturnInput } from './returns';
import {
  webhookSubscriptionCreate,
  webhookSubscriptionDelete,
  webhookSubscriptionUpdate,
  type WebhookSubscriptionInput,
} from './webhook-subscriptions';

type Args = Record<string, unknown>;
const mutation =
  <T>(run: (store: ShopStore, args: Args) => T): Resolver =>
  (_source, args, context) =>
    run(context.store, args);

function bulkOperationsOf(store: ShopStore): BulkOperationsService {
  if (!store.bulkOperations) throw new Error('Bulk operations are not set up on this simulator');
  return store.bulkOperations;
}

/** Mutation resolvers by field name; each returns its payload in the schema's shape. */
export const mutationResolvers: Record<string, Resolver> = {
  bulkOperationRunQuery: (_source, args, context) =>
    bulkOperationsOf(context.store).runQuery(String(args.query), context.accessScopes),
  bulkOperationCancel: (_source, args, context) => bulkOperationsOf(context.store).cancel(String(args.id)),
  orderCreate: mutation((store, args) =>
    orderCreate(store, args.order as OrderCreateOrderInput, args.options),
  ),
  orderEditBegin: mutation((store, args) => orderEditBegin(store, String(args.id))),
  orderEditAddVariant: mutation((store, args) =>
    orderEditAddVariant(store, args as Parameters<typeof orderEditAddVariant>[1]),
  ),
  orderEditAddCustomItem: mutation((store, args) =>
    orderEditAddCustomItem(store, args as Parameters<typeof orderEditAddCustomItem>[1]),
  ),
  orderEditAddLineItemDiscount: mutation((store, args) =>
    orderEditAddLineItemDiscount(store, args as Parameters<typeof orderEditAddLineItemDiscount>[1]),
  ),
  orderEditAddShippingLine: mutation((store, args) =>
    orderEditAddShippingLine(store, args as Parameters<typeof orderEditAddShippingLine>[1]),
  ),
  giftCardCreate: mutation((store, args) =>
    giftCardCreate(store, args.input as Parameters<typeof giftCardCreate>[1]),
  ),
  orderEditSetQuantity: mutation((store, args) =>
    orderEditSetQuantity(store, args as Parameters<typeof orderEditSetQuantity>[1]),
  ),
  orderEditCommit: mutation((store, args) =>
    orderEditCommit(store, args as Parameters<typeof orderEditCommit>[1]),
  ),
  orderCancel: mutation((store, args) => orderCancel(store, args as unknown as OrderCancelArgs)),
  orderClose: mutation((store, args) => orderClose(store, args.input as { id: string })),
  orderOpen: mutation((store, args) => orderOpen(store, args.input as { id: string })),
  orderMarkAsPaid: mutation((store, args) => orderMarkAsPaid(store, args.input as { id: string })),
  // The assessment's provider is the app that asked, so this one reads the request's app.
  orderRiskAssessmentCreate: (_source, args, context) =>
    orderRiskAssessmentCreate(
      context.store,
      args.orderRiskAssessmentInput as OrderRiskAssessmentCreateInput,
      context.app,
    ),
  refundCreate: mutation((store, args) => refundCreate(store, args.input as RefundInput)),
  returnCreate: mutation((store, args) => returnCreate(store, args.returnInput as ReturnInput)),
  returnClose: mutation((store, args) => returnClose(store, String(args.id))),
  fulfillmentCreate: mutation((store, args) =>
    fulfillmentCreate(store, args.fulfillment as FulfillmentInput),
  ),
  fulfillmentOrderMove: mutation((store, args) =>
    fulfillmentOrderMove(store, args as Parameters<typeof fulfillmentOrderMove>[1]),
  ),
  tagsAdd: mutation((store, args) => changeTags(store, String(args.id), args.tags as string[], 'add')),
  tagsRemove: mutation((store, args) => changeTags(store, String(args.id), args.tags as string[], 'remove')),
  webhookSubscriptionCreate: mutation((store, args) =>
    webhookSubscriptionCreate(
      store,
      String(args.topic),
      args.webhookSubscription as WebhookSubscriptionInput,
    ),
  ),
  webhookSubscriptionDelete: mutation((store, args) => webhookSubscriptionDelete(store, String(args.id))),
  webhookSubscriptionUpdate: mutation((store, args) =>
    webhookSubscriptionUpdate(store, String(args.id), args.webhookSubscription as WebhookSubscriptionInput),
  ),
  productCreate: mutation((store, args) =>
    productCreate(store, (args.product ?? args.input) as Parameters<typeof productCreate>[1]),
  ),
  productVariantsBulkCreate: mutation((store, args) =>
    productVariantsBulkCreate(store, args as Parameters<typeof productVariantsBulkCreate>[1]),
  ),
};

import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { compareKeys, connectionFromArray, connectionFromSorted, type ConnectionArgs } from './connection';
import type { Resolver, ResolverMap, SimulatorContext } from './execution';
import { Amounts } from './money';
import type {
  BulkOperationRecord,
  CustomerRecord,
  DeliveryProfileRecord,
  FulfillmentOrderRecord,
  FulfillmentRecord,
  GiftCardRecord,
  LineItemRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  ReturnRecord,
  TransactionRecord,
  VariantRecord,
} from './records';
import {
  compileSearch,
  compareNumber,
  compareTime,
  matchesText,
  type SearchDefinition,
  type SearchWarning,
} from './search/evaluate';
import { orderSearchDefinition, orderSortKey } from './search/order-search';
import { parseSearchQuery, SearchSyntaxError } from './search/query-parser';
import { mutationResolvers } from './mutations';
import { calculatedOrderResolvers } from './mutations/order-edit';
import type { ShopStore } from './store';

type Args = Record<string, unknown> & ConnectionArgs;
type Source = Record<string, unknown>;

/** Search warnings go to `extensions.search`, one entry per field that used a query. */
export interface SearchExtension {
  path: (string | number)[];
  query: string;
  parsed: unknown;
  warnings: SearchWarning[];
}

export interface SearchContext extends SimulatorContext {
  searchExtensions?: SearchExtension[];
}

function fieldPath(info: GraphQLResolveInfo): (string | number)[] {
  const path: (string | number)[] = [];
  for (let current: GraphQLResolveInfo['path'] | undefined = info.path; current; current = current.prev)
    path.unshift(current.key);
  return path;
}

function filterBySearch<T>(
  items: T[],
  query: unknown,
  definition: SearchDefinition<T>,
  context: SearchContext,
  info: GraphQLResolveInfo,
): T[] {
  if (typeof query !== 'string' || query.trim() === '') return items;
  let tree;
  try {
    tree = parseSearchQuery(query);
  } catch (error) {
    if (error instanceof SearchSyntaxError) {
      // Shopify answers a query it cannot parse with no results and a warning, not an error.
      (context.searchExtensions ??= []).push({
        path: fieldPath(info),
        query,
        parsed: null,
        warnings: [{ field: 'query', message: error.message }],
      });
      return [];
    }
    throw error;
  }
  const { predicate, warnings } = compileSearch(tree, definition);
  if (warnings.length > 0)
    (context.searchExtensions ??= []).push({ path: fieldPath(info), query, parsed: tree, warnings });
  return items.filter(predicate);
}

const byId = (record: { id: string }) => [Number(record.id.split('/').pop())];

function lookup<T>(type: string): Resolver {
  return (_source, args, context) => context.store.nodeOfType<T>(String(args.id), type) ?? null;
}

function customerSearch(): SearchDefinition<CustomerRecord> {
  return {
    fields: {
      email: (customer, term) => matchesText(customer.email, term.value),
      phone: (customer, term) => matchesText(customer.phone, term.value),
      first_name: (customer, term) => matchesText(customer.firstName, term.value),
      last_name: (customer, term) => matchesText(customer.lastName, term.value),
      tag: (customer, term) => customer.tags.some((tag) => matchesText(tag, term.value)),
      id: (customer, term) => compareNumber(customer.legacyResourceId, term),
      updated_at: (customer, term) => compareTime(customer.updatedAt, term),
      created_at: (customer, term) => compareTime(customer.createdAt, term),
      country: (customer, term) =>
        matchesText(customer.defaultAddress?.country ?? customer.defaultAddress?.countryCodeV2, term.value),
    },
    text: (customer, value) =>
      [customer.email, customer.phone, customer.firstName, customer.lastName, customer.displayName].some(
        (entry) => entry?.toLowerCase().includes(value.toLowerCase()),
      ),
  };
}

function productSearch(): SearchDefinition<ProductRecord> {
  return {
    fields: {
      title: (product, term) => matchesText(product.title, term.value),
      handle: (product, term) => matchesText(product.handle, term.value),
      vendor: (product, term) => matchesText(product.vendor, term.value),
      product_type: (product, term) => matchesText(product.productType, term.value),
      status: (product, term) => matchesText(product.status, term.value),
      tag: (product, term) => product.tags.some((tag) => matchesText(tag, term.value)),
      id: (product, term) => compareNumber(product.legacyResourceId, term),
      gift_card: (product, term) => String(product.isGiftCard) === term.value.toLowerCase(),
      updated_at: (product, term) => compareTime(product.updatedAt, term),
    },
    text: (product, value) => product.title.toLowerCase().includes(value.toLowerCase()),
  };
}

function variantSearch(store: ShopStore): SearchDefinition<VariantRecord> {
  return {
    fields: {
      sku: (variant, term) => matchesText(variant.sku, term.value),
      barcode: (variant, term) => matchesText(variant.barcode, term.value),
      title: (variant, term) => matchesText(variant.title, term.value),
      id: (variant, term) => compareNumber(variant.legacyResourceId, term),
      product_id: (variant, term) => compareNumber(variant.sim.productId.split('/').pop(), term),
      updated_at: (variant, term) => compareTime(variant.updatedAt, term),
    },
    text: (variant, value) => {
      const product = store.node<ProductRecord>(variant.sim.productId);
      return [variant.sku, variant.barcode, variant.displayName, product?.title].some((entry) =>
        entry?.toLowerCase().includes(value.toLowerCase()),
      );
    },
  };
}

function giftCardSearch(): SearchDefinition<GiftCardRecord> {
  return {
    fields: {
      id: (card, term) => compareNumber(card.id.split('/').pop(), term),
      status: (card, term) =>
        term.value.toLowerCase() === 'enabled'
          ? card.enabled
          : term.value.toLowerCase() === 'disabled'
            ? !card.enabled
            : false,
      created_at: (card, term) => compareTime(card.createdAt, term),
      updated_at: (card, term) => compareTime(card.updatedAt, term),
      customer_id: (card, term) => card.sim.customerId?.split('/').pop() === term.value,
      balance_status: (card, term) =>
        term.value === 'full'
          ? card.balance.amount === card.initialValue.amount
          : term.value === 'empty'
            ? Number(card.balance.amount) === 0
            : term.value === 'partial'
              ? Number(card.balance.amount) > 0 && card.balance.amount !== card.initialValue.amount
              : false,
    },
    text: (card, value) => card.lastCharacters.toLowerCase() === value.toLowerCase(),
  };
}

function bulkOperationSearch(): SearchDefinition<BulkOperationRecord> {
  return {
    fields: {
      status: (operation, term) => operation.status().toLowerCase() === term.value.toLowerCase(),
      operation_type: (operation, term) => operation.type.toLowerCase() === term.value.toLowerCase(),
      created_at: (operation, term) => compareTime(operation.createdAt, term),
      id: (operation, term) => compareNumber(operation.id.split('/').pop(), term),
    },
    text: () => false,
  };
}

function sortedConnection<T extends { id: string; updatedAt?: string; createdAt?: string }>(
  items: T[],
  args: Args,
  sortKey: unknown,
) {
  const key = (item: T): (string | number)[] => {
    const id = Number(item.id.split('/').pop());
    switch (sortKey) {
      case 'UPDATED_AT':
        return [item.updatedAt ?? '', id];
      case 'CREATED_AT':
        return [item.createdAt ?? '', id];
      default:
        return [id];
    }
  };
  const sorted = [...items].sort((a, b) => {
    const left = key(a);
    const right = key(b);
    for (let index = 0; index < left.length; index++) {
      if (left[index]! < right[index]!) return -1;
      if (left[index]! > right[index]!) return 1;
    }
    return 0;
  });
  return connectionFromSorted(sorted, args, key);
}

/** Without read_all_orders Shopify shows only the last 60 days of orders (by creation). */
const ORDER_WINDOW_MS = 60 * 24 * 60 * 60 * 1000;

function orderVisible(order: OrderRecord, context: SearchContext): boolean {
  return (
    context.accessScopes.includes('read_all_orders') ||
    Date.parse(order.createdAt) >= context.store.clock.now() - ORDER_WINDOW_MS
  );
}

function ordersConnection(
  orders: OrderRecord[] | 'all',
  args: Args,
  context: SearchContext,
  info: GraphQLResolveInfo,
) {
  const sortKey = typeof args.sortKey === 'string' ? args.sortKey : 'ID';
  const keyOf = (order: OrderRecord) => orderSortKey(order, sortKey);
  const compare = (a: OrderRecord, b: OrderRecord) => compareKeys(keyOf(a), keyOf(b));
  // Sort first (cached per sort key until the next change), then filter: filtering keeps the order.
  const sorted = orders === 'all' ? context.store.sortedOrders(sortKey, compare) : [...orders].sort(compare);
  const visible = orders === 'all' ? sorted.filter((order) => orderVisible(order, context)) : sorted;
  const filtered = filterBySearch(visible, args.query, orderSearchDefinition(context.store), context, info);
  return connectionFromSorted(filtered, args, keyOf);
}

const countOf = (count: number) => ({ count, precision: 'EXACT' });

const queryResolvers: Record<string, Resolver> = {
  shop: (_source, _args, context) => context.store.shop,
  locations: (_source, args: Args, context) => {
    const locations = context.store.locations.filter((location) => args.includeInactive || location.isActive);
    const filtered =
      typeof args.query === 'string' && args.query.trim()
        ? locations.filter((location) =>
            location.name.toLowerCase().includes(
              String(args.query)
                .replace(/^name:/, '')
                .replace(/['"]/g, '')
                .toLowerCase(),
            ),
          )
        : locations;
    if (args.sortKey === 'ID') return sortedConnection(filtered, args, 'ID');
    const sorted = [...filtered].sort((a, b) => a.name.localeCompare(b.name) || byId(a)[0]! - byId(b)[0]!);
    return connectionFromSorted(sorted, args, (location) => [location.name, byId(location)[0]!]);
  },
  location: (_source, args, context) =>
    args.id
      ? (context.store.nodeOfType<LocationRecord>(String(args.id), 'Location') ?? null)
      : (context.store.defaultLocation() ?? null),
  orders: (_source, args: Args, context, info) => ordersConnection('all', args, context, info),
  ordersCount: (_source, args: Args, context, info) =>
    countOf(
      filterBySearch(
        context.store.orders.filter((order) => orderVisible(order, context)),
        args.query,
        orderSearchDefinition(context.store),
        context,
        info,
      ).length,
    ),
  order: (_source, args, context) => {
    const order = context.store.nodeOfType<OrderRecord>(String(args.id), 'Order');
    return order && orderVisible(order, context) ? order : null;
  },
  currentAppInstallation: (_source, _args, context) => ({
    id: 'gid://shopify/AppInstallation/1',
    accessScopes: context.accessScopes.map((handle) => ({ handle, description: handle })),
  }),
  node: (_source, args, context) => context.store.node(String(args.id)) ?? null,
  nodes: (_source, args, context) =>
    ((args.ids as string[]) ?? []).map((id) => context.store.node(id) ?? null),
  fulfillmentOrders: (_source, args: Args, context) => {
    const all = context.store.orders.flatMap((order) => order.fulfillmentOrders);
    const visible = args.includeClosed
      ? all
      : all.filter((fulfillmentOrder) => !['CLOSED', 'CANCELLED'].includes(fulfillmentOrder.status));
    return sortedConnection(visible, args, args.sortKey);
  },
  fulfillmentOrder: lookup<FulfillmentOrderRecord>('FulfillmentOrder'),
  fulfillment: lookup<FulfillmentRecord>('Fulfillment'),
  refund: lookup<RefundRecord>('Refund'),
  return: lookup<ReturnRecord>('Return'),
  customers: (_source, args: Args, context, info) =>
    sortedConnection(
      filterBySearch(context.store.customers, args.query, customerSearch(), context, info),
      args,
      args.sortKey,
    ),
  customer: lookup<CustomerRecord>('Customer'),
  products: (_source, args: Args, context, info) =>
    sortedConnection(
      filterBySearch(context.store.products, args.query, productSearch(), context, info),
      args,
      args.sortKey,
    ),
  product: lookup<ProductRecord>('Product'),
  productVariants: (_source, args: Args, context, info) =>
    sortedConnection(
      filterBySearch(context.store.variants, args.query, variantSearch(context.store), context, info),
      args,
      args.sortKey,
    ),
  productVariant: lookup<VariantRecord>('ProductVariant'),
  giftCards: (_source, args: Args, context, info) =>
    sortedConnection(
      filterBySearch(context.store.giftCards, args.query, giftCardSearch(), context, info),
      args,
      args.sortKey,
    ),
  giftCard: lookup<GiftCardRecord>('GiftCard'),
  webhookSubscriptions: (_source, args: Args, context) => {
    const topics = Array.isArray(args.topics) ? (args.topics as string[]) : null;
    const subscriptions = context.store.webhookSubscriptions.filter(
      (subscription) => !topics || topics.includes(subscription.topic),
    );
    return sortedConnection(subscriptions, args, 'ID');
  },
  webhookSubscription: (_source, args, context) =>
    context.store.nodeOfType(String(args.id), 'WebhookSubscription') ?? null,
  deliveryProfiles: (_source, args: Args, context) =>
    sortedConnection(context.store.deliveryProfiles, args, 'ID'),
  deliveryProfile: (_source, args, context) =>
    context.store.nodeOfType(String(args.id), 'DeliveryProfile') ?? null,
  bulkOperation: (_source, args, context) =>
    context.store.nodeOfType<BulkOperationRecord>(String(args.id), 'BulkOperation') ?? null,
  bulkOperations: (_source, args: Args, context, info) => {
    const operations = filterBySearch(
      [...(context.store.bulkOperations?.all() ?? [])],
      args.query,
      bulkOperationSearch(),
      context,
      info,
    );
    const sortKey = args.sortKey === 'COMPLETED_AT' ? 'COMPLETED_AT' : 'CREATED_AT';
    const keyOf = (operation: BulkOperationRecord) => [
      (sortKey === 'COMPLETED_AT' ? operation.completedAt() : operation.createdAt) ?? '',
      Number(operation.id.split('/').pop()),
    ];
    const sorted = operations.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    return connectionFromSorted(sorted, args, keyOf);
  },
  calculatedOrder: (_source, args, context) => context.store.calculatedOrders.get(String(args.id)) ?? null,
};

const node =
  (key: string): Resolver =>
  (source, _args, context) =>
    context.store.node(source.sim ? ((source.sim as Source)[key] as string) : undefined) ?? null;

function orderOf(source: Source, context: SimulatorContext): OrderRecord {
  const order = context.store.order((source.sim as { orderId: string }).orderId);
  if (!order) throw new GraphQLError('Order not found');
  return order;
}

export function createResolvers(): ResolverMap {
  return {
    QueryRoot: queryResolvers,
    Mutation: mutationResolvers,
    Order: {
      customer: node('customerId'),
      shippingLines: (source, args: Args) => {
        const lines = (source.shippingLines as { isRemoved: boolean }[]).filter(
          (line) => args.includeRemovals || !line.isRemoved,
        );
        return connectionFromArray(lines, args);
      },
      shippingLine: (source) =>
        (source.shippingLines as { isRemoved: boolean }[]).find((line) => !line.isRemoved) ?? null,
      fulfillmentOrders: (source, args: Args) => {
        const all = source.fulfillmentOrders as FulfillmentOrderRecord[];
        const shown = args.displayable
          ? all.filter(
              (fulfillmentOrder) =>
                fulfillmentOrder.status !== 'CANCELLED' &&
                fulfillmentOrder.lineItems.some((item) => item.totalQuantity > 0),
            )
          : all;
        return connectionFromArray(shown, args);
      },
      fulfillmentsCount: (source) => countOf((source.fulfillments as unknown[]).length),
      transactionsCount: (source) => countOf((source.transactions as unknown[]).length),
      transactions: (source, args) => {
        let transactions = source.transactions as { kind: string; status: string }[];
        if (args.capturable)
          transactions = transactions.filter(
            (transaction) => transaction.kind === 'AUTHORIZATION' && transaction.status === 'SUCCESS',
          );
        return typeof args.first === 'number' ? transactions.slice(0, args.first) : transactions;
      },
      statusPageUrl: (source, _args, context) =>
        `https://${context.store.shop.myshopifyDomain}/${context.store.shop.id.split('/').pop()}/orders/${(source.id as string).split('/').pop()}/authenticate`,
      displayAddress: (source) => source.shippingAddress ?? source.billingAddress ?? null,
      billingAddressMatchesShippingAddress: (source) =>
        JSON.stringify({ ...(source.billingAddress as object), id: null }) ===
        JSON.stringify({ ...(source.shippingAddress as object), id: null }),
      canNotifyCustomer: (source) => Boolean(source.email),
      hasTimelineComment: () => false,
      retailLocation: (source, _args, context) =>
        source.sourceName === 'pos'
          ? (context.store.node(
              (source.fulfillmentOrders as FulfillmentOrderRecord[])[0]?.sim.locationId ?? '',
            ) ?? null)
          : null,
    },
    LineItem: {
      variant: node('variantId'),
      product: node('productId'),
      taxLines: (source, args) =>
        typeof args.first === 'number'
          ? (source.taxLines as unknown[]).slice(0, args.first)
          : source.taxLines,
    },
    FulfillmentOrder: {
      order: (source, _args, context) => orderOf(source, context),
      orderId: (source) => (source.sim as { orderId: string }).orderId,
      orderName: (source, _args, context) => orderOf(source, context).name,
      orderProcessedAt: (source, _args, context) => orderOf(source, context).processedAt,
      assignedLocation: (source, _args, context) => {
        const location = context.store.node<LocationRecord>(
          (source.sim as { locationId: string }).locationId,
        );
        return {
          name: location?.name ?? '',
          location: location ?? null,
          address1: location?.address.address1 ?? null,
          address2: location?.address.address2 ?? null,
          city: location?.address.city ?? null,
          province: location?.address.province ?? null,
          zip: location?.address.zip ?? null,
          phone: location?.address.phone ?? null,
          countryCode: location?.address.countryCode ?? 'US',
        };
      },
      destination: (source, _args, context) => {
        const order = orderOf(source, context);
        const address = order.shippingAddress;
        if (!address) return null;
        return {
          ...address,
          __typename: 'FulfillmentOrderDestination',
          id: `gid://shopify/FulfillmentOrderDestination/${(source.id as string).split('/').pop()}`,
          countryCode: address.countryCodeV2,
          email: order.email,
        };
      },
      fulfillments: (source, args: Args, context) =>
        connectionFromArray(
          (source.sim as { fulfillmentIds: string[] }).fulfillmentIds.map((id) => context.store.node(id)),
          args,
        ),
      supportedActions: (source) =>
        ['OPEN', 'IN_PROGRESS'].includes(source.status as string)
          ? [
              { action: 'CREATE_FULFILLMENT', externalUrl: null },
              { action: 'MOVE', externalUrl: null },
              { action: 'HOLD', externalUrl: null },
            ]
          : [],
    },
    FulfillmentOrderLineItem: {
      lineItem: node('lineItemId'),
      variant: (source, _args, context) => {
        const line = context.store.node<LineItemRecord>((source.sim as { lineItemId: string }).lineItemId);
        return context.store.node(line?.sim.variantId) ?? null;
      },
      inventoryItemId: (source, _args, context) => {
        const line = context.store.node<LineItemRecord>((source.sim as { lineItemId: string }).lineItemId);
        return line?.sim.variantId ? line.sim.variantId.replace('ProductVariant', 'InventoryItem') : null;
      },
    },
    Fulfillment: {
      order: (source, _args, context) => orderOf(source, context),
      location: node('locationId'),
      fulfillmentOrders: (source, args: Args, context) =>
        connectionFromArray(
          (source.sim as { fulfillmentOrderIds: string[] }).fulfillmentOrderIds.map((id) =>
            context.store.node(id),
          ),
          args,
        ),
      trackingInfo: (source, args) =>
        typeof args.first === 'number'
          ? (source.trackingInfo as unknown[]).slice(0, args.first)
          : source.trackingInfo,
    },
    FulfillmentLineItem: { lineItem: node('lineItemId') },
    Refund: {
      order: (source, _args, context) => orderOf(source, context),
      transactions: (source, args: Args, context) =>
        connectionFromArray(
          (source.sim as { transactionIds: string[] }).transactionIds.map((id) => context.store.node(id)),
          args,
        ),
      return: node('returnId'),
    },
    RefundLineItem: { lineItem: node('lineItemId'), location: node('locationId') },
    RefundShippingLine: { shippingLine: node('shippingLineId') },
    OrderTransaction: {
      order: (source, _args, context) => orderOf(source, context),
      parentTransaction: node('parentTransactionId'),
      // The masked account of the payment method: a card's number, or the gift card's masked code.
      accountNumber: (source, _args, context) => {
        const transaction = source as unknown as TransactionRecord;
        if (transaction.sim.giftCardId)
          return (
            context.store.nodeOfType<GiftCardRecord>(transaction.sim.giftCardId, 'GiftCard')?.maskedCode ??
            null
          );
        return transaction.paymentDetails?.number ?? null;
      },
      location: node('locationId'),
      maximumRefundableV2: (source, _args, context) => {
        if (!['SALE', 'CAPTURE'].includes(source.kind as string)) return null;
        const order = orderOf(source, context);
        const refunded = Amounts.sum(
          order.transactions
            .filter(
              (transaction) =>
                transaction.kind === 'REFUND' &&
                transaction.status === 'SUCCESS' &&
                transaction.sim.parentTransactionId === source.id,
            )
            .map((transaction) => Amounts.fromBag(transaction.amountSet)),
        );
        const amount = Amounts.fromBag(source.amountSet as OrderRecord['totalPriceSet'])
          .minus(refunded)
          .max0();
        return amount.bag({ shop: order.currencyCode, presentment: order.presentmentCurrencyCode })
          .presentmentMoney;
      },
    },
    Return: {
      order: (source, _args, context) => orderOf(source, context),
      refunds: (source, args: Args, context) =>
        connectionFromArray(
          orderOf(source, context).refunds.filter((refund) => refund.sim.returnId === source.id),
          args,
        ),
    },
    ReturnLineItem: { fulfillmentLineItem: node('fulfillmentLineItemId') },
    ProductVariant: {
      product: node('productId'),
      inventoryItem: (source) => ({
        __typename: 'InventoryItem',
        id: (source.id as string).replace('ProductVariant', 'InventoryItem'),
        legacyResourceId: source.legacyResourceId,
        sku: source.sku,
        requiresShipping: (source.sim as { requiresShipping: boolean }).requiresShipping,
        tracked: true,
        createdAt: source.createdAt,
        updatedAt: source.updatedAt,
      }),
    },
    Product: {
      variants: (source, args: Args, context) =>
        connectionFromArray(
          (source.sim as { variantIds: string[] }).variantIds.map((id) => context.store.node(id)),
          args,
        ),
      variantsCount: (source) => countOf((source.sim as { variantIds: string[] }).variantIds.length),
      hasOnlyDefaultVariant: (source, _args, context) => {
        const ids = (source.sim as { variantIds: string[] }).variantIds;
        return ids.length === 1 && context.store.node<VariantRecord>(ids[0])?.title === 'Default Title';
      },
      totalInventory: (source, _args, context) =>
        (source.sim as { variantIds: string[] }).variantIds.reduce(
          (sum, id) => sum + (context.store.node<VariantRecord>(id)?.inventoryQuantity ?? 0),
          0,
        ),
      description: () => '',
    },
    Customer: {
      orders: (source, args: Args, context, info) =>
        ordersConnection(
          context.store.orders.filter((order) => order.sim.customerId === source.id),
          args,
          context,
          info,
        ),
      numberOfOrders: (source, _args, context) =>
        String(context.store.orders.filter((order) => order.sim.customerId === source.id).length),
      amountSpent: (source, _args, context) => {
        const total = Amounts.sum(
          context.store.orders
            .filter((order) => order.sim.customerId === source.id)
            .map((order) => Amounts.fromBag(order.netPaymentSet)),
        );
        return {
          amount: total
            .round()
            .bag({ shop: context.store.shop.currencyCode, presentment: context.store.shop.currencyCode })
            .shopMoney.amount,
          currencyCode: context.store.shop.currencyCode,
        };
      },
      lastOrder: (source, _args, context) =>
        [...context.store.orders].reverse().find((order) => order.sim.customerId === source.id) ?? null,
      addressesV2: (source, args: Args) => connectionFromArray(source.addresses as unknown[], args),
    },
    DeliveryProfile: {
      profileLocationGroups: (source, args) => {
        const groups = source.profileLocationGroups as { locationGroup: { id: string } }[];
        return args.locationGroupId
          ? groups.filter((group) => group.locationGroup.id === args.locationGroupId)
          : groups;
      },
      activeMethodDefinitionsCount: (source) =>
        (source as unknown as DeliveryProfileRecord).profileLocationGroups
          .flatMap((group) => group.locationGroupZones)
          .flatMap((zone) => zone.methodDefinitions)
          .filter((definition) => definition.active).length,
      originLocationCount: (_source, _args, context) => context.store.locations.length,
    },
    DeliveryLocationGroupZone: {
      methodDefinitions: (source, args: Args) => {
        const definitions = (source.methodDefinitions as { active: boolean }[]).filter(
          (definition) => args.eligible == null || definition.active === args.eligible,
        );
        return connectionFromArray(definitions, args);
      },
    },
    GiftCard: {
      order: node('orderId'),
      customer: node('customerId'),
      lineItem: node('lineItemId'),
    },
    ...calculatedOrderResolvers,
  };
}

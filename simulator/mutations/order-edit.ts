import Decimal from 'decimal.js';
import type { ResolverMap } from '../execution';
import { Amounts } from '../money';
import { assignToFulfillmentOrder, newLineItem, removeUnfulfilled } from '../order-parts';
import { amountsOf, pair } from '../order-totals';
import type {
  CalculatedOrderRecord,
  DiscountApplicationRecord,
  LineItemRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  StagedLine,
  VariantRecord,
} from '../records';
import { gid, parseGid, type ShopStore } from '../store';
import {
  amountsFromMoneyInput,
  commitOrderChange,
  userError,
  type MoneyInput,
  type UserError,
} from './common';

/** A calculated line as CalculatedLineItem shapes it (existing lines keep their number). */
function calculatedLine(
  store: ShopStore,
  order: OrderRecord,
  line: LineItemRecord,
  staged: number,
  stagedDiscount?: StagedLine['discount'],
) {
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  const unit = amountsOf(line.sim.unitPrice);
  const extra = stagedDiscount ? discountPerUnit(stagedDiscount, unit) : Amounts.zero();
  const discounted = unit.minus(amountsOf(line.sim.unitDiscount)).minus(extra);
  return {
    __typename: 'CalculatedLineItem',
    id: gid('CalculatedLineItem', line.id.split('/').pop()!),
    title: line.title,
    sku: line.sku,
    variantTitle: line.variantTitle,
    variant: store.node(line.sim.variantId) ?? null,
    quantity: staged,
    editableQuantity: staged,
    editableQuantityBeforeChanges: line.currentQuantity,
    restockable: true,
    restocking: false,
    hasStagedLineItemDiscount: false,
    customAttributes: line.customAttributes,
    originalUnitPriceSet: unit.round().bag(currencies),
    discountedUnitPriceSet: discounted.round().bag(currencies),
    editableSubtotalSet: discounted.times(staged).round().bag(currencies),
    uneditableSubtotalSet: Amounts.zero().bag(currencies),
    calculatedDiscountAllocations: [],
    stagedChanges: [],
  };
}

/** What an added line sells: a variant, or a custom item. */
function stagedIdentity(store: ShopStore, order: OrderRecord, staged: StagedLine) {
  const rate = store.presentmentRate(order.presentmentCurrencyCode);
  if (staged.custom) {
    return {
      title: staged.custom.title,
      sku: null,
      variantTitle: null,
      variant: null,
      product: null,
      unitPrice: amountsOf(staged.custom.unitPrice),
      requiresShipping: staged.custom.requiresShipping,
      taxable: staged.custom.taxable,
      isGiftCard: false,
    };
  }
  const variant = store.node<VariantRecord>(staged.variantId)!;
  const product = store.node<ProductRecord>(variant.sim.productId)!;
  return {
    title: product.title,
    sku: variant.sku,
    variantTitle: variant.title === 'Default Title' ? null : variant.title,
    variant,
    product,
    unitPrice: Amounts.of(variant.price, new Decimal(variant.price).times(rate).toDecimalPlaces(2)),
    requiresShipping: variant.sim.requiresShipping,
    taxable: variant.taxable,
    isGiftCard: product.isGiftCard,
  };
}

/** A staged line discount per unit: the fixed amount, or the percentage of the unit price (unrounded; lines round). */
function discountPerUnit(discount: NonNullable<StagedLine['discount']>, unitPrice: Amounts): Amounts {
  if (discount.fixedPerUnit) return amountsOf(discount.fixedPerUnit);
  return unitPrice.times(discount.percent ?? 0).dividedBy(100);
}

function stagedUnitDiscount(staged: StagedLine, unitPrice: Amounts): Amounts {
  return staged.discount ? discountPerUnit(staged.discount, unitPrice) : Amounts.zero();
}

function addedLine(store: ShopStore, order: OrderRecord, added: StagedLine) {
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  const identity = stagedIdentity(store, order, added);
  const unit = identity.unitPrice;
  const discounted = unit.minus(stagedUnitDiscount(added, unit));
  return {
    __typename: 'CalculatedLineItem',
    id: added.calculatedLineItemId,
    title: identity.title,
    sku: identity.sku,
    variantTitle: identity.variantTitle,
    variant: identity.variant,
    quantity: added.quantity,
    editableQuantity: added.quantity,
    editableQuantityBeforeChanges: 0,
    restockable: false,
    restocking: false,
    hasStagedLineItemDiscount: Boolean(added.discount),
    customAttributes: [],
    originalUnitPriceSet: unit.round().bag(currencies),
    discountedUnitPriceSet: discounted.round().bag(currencies),
    editableSubtotalSet: discounted.times(added.quantity).round().bag(currencies),
    uneditableSubtotalSet: Amounts.zero().bag(currencies),
    calculatedDiscountAllocations: [],
    stagedChanges: [],
  };
}

function calculatedLines(store: ShopStore, calculated: CalculatedOrderRecord) {
  const order = store.order(calculated.sim.orderId)!;
  const existing = order.lineItems
    .filter((line) => line.currentQuantity > 0 || calculated.sim.quantities.has(line.id))
    .map((line) =>
      calculatedLine(
        store,
        order,
        line,
        calculated.sim.quantities.get(line.id)?.quantity ?? line.currentQuantity,
        calculated.sim.lineDiscounts.get(line.id),
      ),
    );
  const added = calculated.sim.added
    .filter((entry) => entry.quantity > 0)
    .map((entry) => addedLine(store, order, entry));
  return { order, existing, added };
}

type Lookup = { calculated: CalculatedOrderRecord; order: OrderRecord } | { error: UserError };

function openSession(store: ShopStore, id: string): Lookup {
  const calculated = store.calculatedOrders.get(id);
  if (!calculated) return { error: userError(['id'], 'The calculated order does not exist.') };
  if (calculated.sim.committed)
    return { error: userError(['id'], 'The calculated order has already been committed.') };
  return { calculated, order: store.order(calculated.sim.orderId)! };
}

/** orderEditBegin: a calculated order (the edit session) over the order's current lines. */
export function orderEditBegin(store: ShopStore, id: string) {
  const order = store.order(id);
  if (!order)
    return {
      calculatedOrder: null,
      orderEditSession: null,
      userErrors: [userError(['id'], 'The order does not exist.')],
    };
  if (order.cancelledAt)
    return {
      calculatedOrder: null,
      orderEditSession: null,
      userErrors: [userError(['id'], 'A cancelled order cannot be edited.')],
    };
  const number = store.nextNumber('CalculatedOrder');
  const calculated: CalculatedOrderRecord = {
    __typename: 'CalculatedOrder',
    id: gid('CalculatedOrder', number),
    sim: {
      orderId: order.id,
      committed: false,
      quantities: new Map(),
      added: [],
      addedShippingLines: [],
      lineDiscounts: new Map(),
    },
  };
  store.calculatedOrders.set(calculated.id, calculated);
  return {
    calculatedOrder: calculated,
    orderEditSession: { id: gid('OrderEditSession', number) },
    userErrors: [],
  };
}

export function orderEditAddVariant(
  store: ShopStore,
  args: {
    id: string;
    variantId: string;
    quantity: number;
    locationId?: string | null;
    allowDuplicates?: boolean | null;
  },
) {
  const failed = (error: UserError) => ({
    calculatedLineItem: null,
    calculatedOrder: null,
    orderEditSession: null,
    userErrors: [error],
  });
  const session = openSession(store, args.id);
  if ('error' in session) return failed(session.error);
  const variant = store.nodeOfType<VariantRecord>(args.variantId, 'ProductVariant');
  if (!variant) return failed(userError(['variantId'], 'The variant does not exist.'));
  if (args.quantity <= 0) return failed(userError(['quantity'], 'Quantity must be greater than 0.'));
  if (args.locationId && !store.nodeOfType<LocationRecord>(args.locationId, 'Location'))
    return failed(userError(['locationId'], 'The location does not exist.'));
  const alreadyThere =
    session.order.lineItems.some((line) => line.sim.variantId === variant.id && line.currentQuantity > 0) ||
    session.calculated.sim.added.some((entry) => entry.variantId === variant.id && entry.quantity > 0);
  if (alreadyThere && !args.allowDuplicates) {
    return failed(
      userError(['variantId'], 'The variant is already on the order; pass allowDuplicates to add it again.'),
    );
  }
  const added: StagedLine = {
    // Numbered from the line-item counter, so it never collides with an existing line's calculated id.
    calculatedLineItemId: gid('CalculatedLineItem', store.nextNumber('LineItem')),
    variantId: variant.id,
    custom: null,
    quantity: args.quantity,
    locationId: args.locationId ?? null,
    discount: null,
  };
  session.calculated.sim.added.push(added);
  return {
    calculatedLineItem: addedLine(store, session.order, added),
    calculatedOrder: session.calculated,
    orderEditSession: { id: session.calculated.id.replace('CalculatedOrder', 'OrderEditSession') },
    userErrors: [],
  };
}

export function orderEditSetQuantity(
  store: ShopStore,
  args: { id: string; lineItemId: string; quantity: number; restock?: boolean | null },
) {
  const failed = (error: UserError) => ({
    calculatedLineItem: null,
    calculatedOrder: null,
    orderEditSession: null,
    userErrors: [error],
  });
  const session = openSession(store, args.id);
  if ('error' in session) return failed(session.error);
  if (args.quantity < 0)
    return failed(userError(['quantity'], 'Quantity must be greater than or equal to 0.'));
  const { calculated, order } = session;
  const staged = calculated.sim.added.find((entry) => entry.calculatedLineItemId === args.lineItemId);
  const session_ = { id: calculated.id.replace('CalculatedOrder', 'OrderEditSession') };
  if (staged) {
    staged.quantity = args.quantity;
    return {
      calculatedLineItem: addedLine(store, order, staged),
      calculatedOrder: calculated,
      orderEditSession: session_,
      userErrors: [],
    };
  }
  const number = parseGid(args.lineItemId)?.id;
  const line = order.lineItems.find((candidate) => candidate.id === gid('LineItem', number ?? ''));
  if (!line) return failed(userError(['lineItemId'], 'The line item does not exist on this order.'));
  const fulfilledKept = line.sim.fulfilledQuantity - line.sim.refundedFulfilledQuantity;
  if (args.quantity < fulfilledKept) {
    return failed(
      userError(['quantity'], `Quantity cannot be less than the fulfilled quantity (${fulfilledKept}).`),
    );
  }
  calculated.sim.quantities.set(line.id, { quantity: args.quantity, restock: args.restock ?? false });
  return {
    calculatedLineItem: calculatedLine(store, order, line, args.quantity),
    calculatedOrder: calculated,
    orderEditSession: session_,
    userErrors: [],
  };
}

/** orderEditCommit: applies the staged quantities and added variants; totals and statuses follow. */
export function orderEditCommit(
  store: ShopStore,
  args: { id: string; notifyCustomer?: boolean | null; staffNote?: string | null },
) {
  const session = openSession(store, args.id);
  if ('error' in session) return { order: null, successMessages: null, userErrors: [session.error] };
  const { calculated, order } = session;
  let changed = false;
  for (const [lineItemId, staged] of calculated.sim.quantities) {
    const line = order.lineItems.find((candidate) => candidate.id === lineItemId)!;
    const delta = staged.quantity - line.currentQuantity;
    if (delta < 0) {
      line.sim.removedQuantity += -delta;
      removeUnfulfilled(order, line.id, -delta);
      if (staged.restock) line.sim.restockedQuantity += -delta;
      changed = true;
    } else if (delta > 0) {
      line.quantity += delta;
      const locationId =
        order.fulfillmentOrders.find((fulfillmentOrder) =>
          fulfillmentOrder.lineItems.some((item) => item.sim.lineItemId === line.id),
        )?.sim.locationId ??
        order.sim.locationIdForNewItems ??
        store.defaultLocation()!.id;
      assignToFulfillmentOrder(store, order, line, delta, locationId);
      changed = true;
    }
  }
  const taxTemplate = order.lineItems.find((line) => line.sim.unitTaxes.length > 0)?.sim.unitTaxes ?? [];
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  /** A discount applied while editing: a manual discount application, allocated to its line. */
  const applyManualDiscount = (line: LineItemRecord, discount: NonNullable<StagedLine['discount']>) => {
    const unitPrice = amountsOf(line.sim.unitPrice);
    const before = unitPrice.minus(amountsOf(line.sim.unitDiscount));
    const extra = discountPerUnit(discount, unitPrice);
    const after = before.minus(extra);
    line.sim.unitDiscount = pair(amountsOf(line.sim.unitDiscount).plus(extra));
    // Tax follows the lower price.
    if (!before.shop.isZero()) {
      line.sim.unitTaxes = line.sim.unitTaxes.map((tax) => ({
        ...tax,
        unit: pair(amountsOf(tax.unit).times(after.shop.dividedBy(before.shop))),
      }));
    }
    const application: DiscountApplicationRecord = {
      __typename: 'ManualDiscountApplication',
      title: discount.description ?? 'Discount',
      description: discount.description,
      index: order.discountApplications.length,
      allocationMethod: 'EACH',
      targetSelection: 'EXPLICIT',
      targetType: 'LINE_ITEM',
      value: discount.fixedPerUnit
        ? {
            __typename: 'MoneyV2',
            amount: amountsOf(discount.fixedPerUnit).round().bag(currencies).shopMoney.amount,
            currencyCode: order.currencyCode,
          }
        : { __typename: 'PricingPercentageValue', percentage: discount.percent ?? 0 },
    };
    order.discountApplications.push(application);
    line.discountAllocations.push({
      __typename: 'DiscountAllocation',
      allocatedAmountSet: Amounts.zero().bag(currencies),
      discountApplication: application,
      sim: { unit: pair(extra) },
    });
  };
  for (const [lineItemId, discount] of calculated.sim.lineDiscounts) {
    const line = order.lineItems.find((candidate) => candidate.id === lineItemId);
    if (!line) continue;
    applyManualDiscount(line, discount);
    changed = true;
  }
  for (const added of calculated.sim.added) {
    if (added.quantity <= 0) continue;
    const identity = stagedIdentity(store, order, added);
    const unitPrice = identity.unitPrice;
    const unitDiscount = stagedUnitDiscount(added, unitPrice);
    const taxedUnit = unitPrice.minus(unitDiscount);
    const line = newLineItem(store, order, {
      title: identity.title,
      variantTitle: identity.variantTitle,
      sku: identity.sku,
      vendor: identity.product?.vendor ?? null,
      quantity: added.quantity,
      unitPrice,
      unitDiscount,
      // Shopify recomputes tax for added items; the simulator applies the order's first tax rates.
      unitTaxes: identity.taxable
        ? taxTemplate.map((tax) => ({
            title: tax.title,
            rate: tax.rate,
            channelLiable: tax.channelLiable,
            unit: order.taxesIncluded
              ? taxedUnit.times(tax.rate).dividedBy(1 + tax.rate)
              : taxedUnit.times(tax.rate),
          }))
        : [],
      isGiftCard: identity.isGiftCard,
      requiresShipping: identity.requiresShipping,
      taxable: identity.taxable,
      variantId: identity.variant?.id ?? null,
      productId: identity.product?.id ?? null,
      customAttributes: [],
    });
    if (added.discount && !unitDiscount.isZero()) {
      // newLineItem took the discount already; record its application and allocation.
      line.sim.unitDiscount = pair(Amounts.zero());
      line.sim.unitTaxes = line.sim.unitTaxes.map((tax) => ({
        ...tax,
        unit: pair(
          taxedUnit.isZero()
            ? amountsOf(tax.unit)
            : amountsOf(tax.unit).times(unitPrice.shop.dividedBy(taxedUnit.shop)),
        ),
      }));
      applyManualDiscount(line, added.discount);
    }
    assignToFulfillmentOrder(
      store,
      order,
      line,
      added.quantity,
      added.locationId ?? order.sim.locationIdForNewItems ?? store.defaultLocation()!.id,
    );
    changed = true;
  }
  for (const shipping of calculated.sim.addedShippingLines) {
    const price = amountsOf(shipping.price);
    const bag = price.round().bag({ shop: order.currencyCode, presentment: order.presentmentCurrencyCode });
    order.shippingLines.push(
      store.register({
        __typename: 'ShippingLine' as const,
        id: store.newId('ShippingLine'),
        title: shipping.title,
        code: shipping.title,
        source: 'shopify',
        carrierIdentifier: null,
        custom: true,
        isRemoved: false,
        originalPriceSet: bag,
        discountedPriceSet: bag,
        currentDiscountedPriceSet: bag,
        discountAllocations: [],
        taxLines: [],
        sim: { refunded: ['0', '0'] as [string, string] },
      }),
    );
    changed = true;
  }
  calculated.sim.committed = true;
  if (changed) {
    order.edited = true;
    // staffNote belongs to the edit (its orders/edited webhook), not to the order's note.
    commitOrderChange(store, order, [
      {
        kind: 'order-edited',
        order,
        calculatedOrderId: calculated.id,
        staffNote: args.staffNote ?? null,
        notifyCustomer: args.notifyCustomer ?? false,
      },
    ]);
  }
  return { order, successMessages: changed ? ['Order updated'] : ['No changes to commit'], userErrors: [] };
}

const sessionOf = (calculated: CalculatedOrderRecord) => ({
  id: calculated.id.replace('CalculatedOrder', 'OrderEditSession'),
});

/** orderEditAddCustomItem: an item without a variant, at its own price. */
export function orderEditAddCustomItem(
  store: ShopStore,
  args: {
    id: string;
    title: string;
    price: MoneyInput;
    quantity: number;
    locationId?: string | null;
    requiresShipping?: boolean | null;
    taxable?: boolean | null;
  },
) {
  const failed = (error: UserError) => ({
    calculatedLineItem: null,
    calculatedOrder: null,
    orderEditSession: null,
    userErrors: [error],
  });
  const session = openSession(store, args.id);
  if ('error' in session) return failed(session.error);
  if (!args.title.trim()) return failed(userError(['title'], "Title can't be blank."));
  if (args.quantity <= 0) return failed(userError(['quantity'], 'Quantity must be greater than 0.'));
  if (Number(args.price.amount) < 0)
    return failed(userError(['price'], 'Price must be greater than or equal to 0.'));
  if (args.locationId && !store.nodeOfType<LocationRecord>(args.locationId, 'Location'))
    return failed(userError(['locationId'], 'The location does not exist.'));
  const price = amountsFromMoneyInput(store, session.order, args.price);
  const added: StagedLine = {
    calculatedLineItemId: gid('CalculatedLineItem', store.nextNumber('LineItem')),
    variantId: null,
    custom: {
      title: args.title,
      unitPrice: pair(price),
      requiresShipping: args.requiresShipping ?? true,
      taxable: args.taxable ?? true,
    },
    quantity: args.quantity,
    locationId: args.locationId ?? null,
    discount: null,
  };
  session.calculated.sim.added.push(added);
  return {
    calculatedLineItem: addedLine(store, session.order, added),
    calculatedOrder: session.calculated,
    orderEditSession: sessionOf(session.calculated),
    userErrors: [],
  };
}

/** orderEditAddLineItemDiscount: a fixed (per unit) or percentage discount on a line added in this edit. */
export function orderEditAddLineItemDiscount(
  store: ShopStore,
  args: {
    id: string;
    lineItemId: string;
    discount: { description?: string | null; fixedValue?: MoneyInput | null; percentValue?: number | null };
  },
) {
  const failed = (error: UserError) => ({
    addedDiscountStagedChange: null,
    calculatedLineItem: null,
    calculatedOrder: null,
    orderEditSession: null,
    userErrors: [error],
  });
  const session = openSession(store, args.id);
  if ('error' in session) return failed(session.error);
  const staged = session.calculated.sim.added.find((entry) => entry.calculatedLineItemId === args.lineItemId);
  const existing = staged
    ? undefined
    : session.order.lineItems.find(
        (line) => line.id === gid('LineItem', parseGid(args.lineItemId)?.id ?? ''),
      );
  if (!staged && (!existing || existing.currentQuantity === 0)) {
    return failed(userError(['lineItemId'], 'The line item does not exist on this order.'));
  }
  const alreadyDiscounted = staged
    ? Boolean(staged.discount)
    : session.calculated.sim.lineDiscounts.has(existing!.id) ||
      !amountsOf(existing!.sim.unitDiscount).isZero();
  if (alreadyDiscounted) return failed(userError(['lineItemId'], 'The line item already has a discount.'));
  const { fixedValue, percentValue } = args.discount;
  if ((fixedValue ? 1 : 0) + (percentValue != null ? 1 : 0) !== 1) {
    return failed(userError(['discount'], 'Give exactly one of fixedValue or percentValue.'));
  }
  const unitPrice = staged
    ? stagedIdentity(store, session.order, staged).unitPrice
    : amountsOf(existing!.sim.unitPrice);
  let discount: NonNullable<StagedLine['discount']>;
  if (fixedValue) {
    const fixed = amountsFromMoneyInput(store, session.order, fixedValue);
    if (fixed.shop.lessThanOrEqualTo(0) || fixed.shop.greaterThan(unitPrice.shop)) {
      return failed(
        userError(
          ['discount', 'fixedValue'],
          'The discount must be greater than 0 and at most the unit price.',
        ),
      );
    }
    discount = { fixedPerUnit: pair(fixed), percent: null, description: args.discount.description ?? null };
  } else {
    if (percentValue! <= 0 || percentValue! > 100) {
      return failed(userError(['discount', 'percentValue'], 'The percentage must be between 0 and 100.'));
    }
    discount = { fixedPerUnit: null, percent: percentValue!, description: args.discount.description ?? null };
  }
  if (staged) staged.discount = discount;
  else session.calculated.sim.lineDiscounts.set(existing!.id, discount);
  const calculatedLineItem = staged
    ? addedLine(store, session.order, staged)
    : calculatedLine(
        store,
        session.order,
        existing!,
        session.calculated.sim.quantities.get(existing!.id)?.quantity ?? existing!.currentQuantity,
        discount,
      );
  return {
    addedDiscountStagedChange: {
      __typename: 'OrderStagedChangeAddLineItemDiscount',
      id: store.newId('OrderEditSession').replace('OrderEditSession', 'OrderStagedChangeAddLineItemDiscount'),
      description: args.discount.description ?? '',
    },
    calculatedLineItem,
    calculatedOrder: session.calculated,
    orderEditSession: sessionOf(session.calculated),
    userErrors: [],
  };
}

/** orderEditAddShippingLine: a custom shipping line, added on commit. */
export function orderEditAddShippingLine(
  store: ShopStore,
  args: { id: string; shippingLine: { title: string; price: MoneyInput } },
) {
  const failed = (error: UserError) => ({
    calculatedOrder: null,
    calculatedShippingLine: null,
    orderEditSession: null,
    userErrors: [error],
  });
  const session = openSession(store, args.id);
  if ('error' in session) return failed(session.error);
  if (!args.shippingLine.title.trim())
    return failed(userError(['shippingLine', 'title'], "Title can't be blank."));
  const price = amountsFromMoneyInput(store, session.order, args.shippingLine.price);
  if (price.shop.lessThan(0))
    return failed(userError(['shippingLine', 'price'], 'Price must be greater than or equal to 0.'));
  const staged = {
    id: gid('CalculatedShippingLine', store.nextNumber('ShippingLine')),
    title: args.shippingLine.title,
    price: pair(price),
  };
  session.calculated.sim.addedShippingLines.push(staged);
  return {
    calculatedOrder: session.calculated,
    calculatedShippingLine: {
      id: staged.id,
      title: staged.title,
      price: price
        .round()
        .bag({ shop: session.order.currencyCode, presentment: session.order.presentmentCurrencyCode }),
      stagedStatus: 'ADDED',
    },
    orderEditSession: sessionOf(session.calculated),
    userErrors: [],
  };
}

/** Fields of CalculatedOrder that are computed from the session. */
export const calculatedOrderResolvers: ResolverMap = {
  CalculatedOrder: {
    originalOrder: (source, _args, context) =>
      context.store.order((source as unknown as CalculatedOrderRecord).sim.orderId) ?? null,
    lineItems: (source, args, context) => {
      const { existing, added } = calculatedLines(context.store, source as unknown as CalculatedOrderRecord);
      return [...existing, ...added].slice(0, typeof args.first === 'number' ? args.first : undefined);
    },
    addedLineItems: (source, _args, context) =>
      calculatedLines(context.store, source as unknown as CalculatedOrderRecord).added,
    subtotalLineItemsQuantity: (source, _args, context) => {
      const { existing, added } = calculatedLines(context.store, source as unknown as CalculatedOrderRecord);
      return [...existing, ...added].reduce((sum, line) => sum + line.quantity, 0);
    },
    subtotalPriceSet: (source, _args, context) =>
      calculatedTotal(context.store, source as unknown as CalculatedOrderRecord, false),
    totalPriceSet: (source, _args, context) =>
      calculatedTotal(context.store, source as unknown as CalculatedOrderRecord, true),
    totalOutstandingSet: (source, _args, context) => {
      const calculated = source as unknown as CalculatedOrderRecord;
      const order = context.store.order(calculated.sim.orderId)!;
      const total = Amounts.fromBag(calculatedTotal(context.store, calculated, true));
      return total
        .minus(Amounts.fromBag(order.netPaymentSet))
        .round()
        .bag({ shop: order.currencyCode, presentment: order.presentmentCurrencyCode });
    },
  },
};

/** The order's total if the session were committed now (tax at the order's current rates). */
function calculatedTotal(store: ShopStore, calculated: CalculatedOrderRecord, withShippingAndTax: boolean) {
  const { order, existing, added } = calculatedLines(store, calculated);
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  const subtotal = Amounts.sum(
    [...existing, ...added].map((line) => Amounts.fromBag(line.editableSubtotalSet)),
  );
  if (!withShippingAndTax) return subtotal.round().bag(currencies);
  const currentSubtotal = Amounts.fromBag(order.currentSubtotalPriceSet);
  const taxRate = currentSubtotal.shop.isZero()
    ? new Decimal(0)
    : Amounts.fromBag(order.currentTotalTaxSet).shop.dividedBy(currentSubtotal.shop);
  const tax = order.taxesIncluded ? Amounts.zero() : subtotal.times(taxRate);
  return subtotal.plus(Amounts.fromBag(order.currentShippingPriceSet)).plus(tax).round().bag(currencies);
}

import Decimal from 'decimal.js';
import { Amounts } from '../money';
import {
  createFulfillment,
  newLineItem,
  newTransaction,
  assignToFulfillmentOrder,
  type FulfillmentPart,
} from '../order-parts';
import { recomputeOrder } from '../order-totals';
import type {
  AddressRecord,
  CustomerRecord,
  DiscountApplicationRecord,
  GiftCardRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  ShippingLineRecord,
  TransactionRecord,
  VariantRecord,
} from '../records';
import { gid, type ShopStore } from '../store';
import { pair } from '../order-totals';
import { debitGiftCard } from './gift-cards';
import {
  amountsFromBagInput,
  checkArrayLimit,
  commitOrderChange,
  userError,
  type MoneyBagInput,
  type UserError,
} from './common';

interface TaxLineInput {
  title: string;
  rate: string;
  priceSet?: MoneyBagInput | null;
  channelLiable?: boolean | null;
}

interface AddressInput {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  company?: string | null;
  countryCode?: string | null;
  country?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  provinceCode?: string | null;
  province?: string | null;
  zip?: string | null;
}

export interface OrderCreateOrderInput {
  billingAddress?: AddressInput | null;
  buyerAcceptsMarketing?: boolean | null;
  closedAt?: string | null;
  currency?: string | null;
  customAttributes?: { key: string; value: string }[] | null;
  customer?: {
    toAssociate?: { id?: string | null; email?: string | null } | null;
    toUpsert?: {
      id?: string | null;
      email?: string | null;
      firstName?: string | null;
      lastName?: string | null;
      phone?: string | null;
      note?: string | null;
      tags?: string[] | null;
      addresses?: AddressInput[] | null;
    } | null;
  } | null;
  discountCode?: {
    itemFixedDiscountCode?: { code: string; amountSet?: MoneyBagInput | null } | null;
    itemPercentageDiscountCode?: { code: string; percentage?: number | null } | null;
    freeShippingDiscountCode?: { code: string } | null;
  } | null;
  email?: string | null;
  financialStatus?: string | null;
  fulfillment?: {
    locationId: string;
    notifyCustomer?: boolean | null;
    trackingCompany?: string | null;
    trackingNumber?: string | null;
    trackingNumbers?: string[] | null;
  } | null;
  fulfillmentStatus?: 'FULFILLED' | 'PARTIAL' | 'RESTOCKED' | null;
  lineItems?:
    | {
        variantId?: string | null;
        productId?: string | null;
        quantity: number;
        priceSet?: MoneyBagInput | null;
        title?: string | null;
        variantTitle?: string | null;
        sku?: string | null;
        vendor?: string | null;
        requiresShipping?: boolean | null;
        taxable?: boolean | null;
        giftCard?: boolean | null;
        taxLines?: TaxLineInput[] | null;
        properties?: { name: string; value: string }[] | null;
      }[]
    | null;
  name?: string | null;
  note?: string | null;
  phone?: string | null;
  poNumber?: string | null;
  presentmentCurrency?: string | null;
  processedAt?: string | null;
  shippingAddress?: AddressInput | null;
  shippingLines?:
    | {
        title: string;
        code?: string | null;
        source?: string | null;
        priceSet: MoneyBagInput;
        taxLines?: TaxLineInput[] | null;
      }[]
    | null;
  sourceIdentifier?: string | null;
  sourceName?: string | null;
  tags?: string[] | null;
  taxLines?: TaxLineInput[] | null;
  taxesIncluded?: boolean | null;
  test?: boolean | null;
  transactions?:
    | {
        amountSet: MoneyBagInput;
        gateway?: string | null;
        kind?: TransactionRecord['kind'] | null;
        status?: TransactionRecord['status'] | null;
        processedAt?: string | null;
        test?: boolean | null;
        locationId?: string | null;
        giftCardId?: string | null;
      }[]
    | null;
}

export interface OrderCreateResult {
  order: OrderRecord | null;
  userErrors: UserError[];
}

/** orderCreate with Shopify's validation (userErrors under `order.*`) and its side effects. */
export function orderCreate(
  store: ShopStore,
  input: OrderCreateOrderInput,
  _options: unknown,
): OrderCreateResult {
  checkArrayLimit('lineItems', input.lineItems);
  checkArrayLimit('transactions', input.transactions);
  const errors: UserError[] = [];
  const lines = input.lineItems ?? [];
  if (lines.length === 0)
    errors.push(userError(['order', 'lineItems'], 'Line items must have at least one line item', 'INVALID'));
  const resolvedVariants: (VariantRecord | undefined)[] = [];
  lines.forEach((line, index) => {
    const path = ['order', 'lineItems', String(index)];
    if (line.quantity <= 0)
      errors.push(userError([...path, 'quantity'], 'Quantity must be greater than or equal to 1', 'INVALID'));
    let variant: VariantRecord | undefined;
    if (line.variantId) {
      variant = store.nodeOfType<VariantRecord>(line.variantId, 'ProductVariant');
      if (!variant)
        errors.push(userError([...path, 'variantId'], `Variant ${line.variantId} does not exist`, 'INVALID'));
    } else {
      if (!line.title)
        errors.push(userError([...path, 'title'], 'Title must be present for custom line items', 'INVALID'));
      if (!line.priceSet)
        errors.push(
          userError([...path, 'priceSet'], 'Price set must be present for custom line items', 'INVALID'),
        );
    }
    resolvedVariants.push(variant);
    for (const [taxIndex, tax] of (line.taxLines ?? []).entries()) {
      if (tax.rate === undefined || tax.rate === null || tax.rate === '')
        errors.push(
          userError(
            [...path, 'taxLines', String(taxIndex), 'rate'],
            'Tax line rate is missing',
            'TAX_LINE_RATE_MISSING',
          ),
        );
    }
  });
  if (input.customer?.toAssociate && input.customer?.toUpsert) {
    errors.push(
      userError(
        ['order', 'customer'],
        'Only one of toAssociate or toUpsert can be provided',
        'REDUNDANT_CUSTOMER_FIELDS',
      ),
    );
  }
  let customer: CustomerRecord | undefined;
  if (input.customer?.toAssociate) {
    const { id, email } = input.customer.toAssociate;
    customer = id
      ? store.nodeOfType<CustomerRecord>(id, 'Customer')
      : email
        ? store.findCustomerByEmail(email)
        : undefined;
    if (!customer)
      errors.push(userError(['order', 'customer', 'toAssociate'], 'Customer does not exist', 'INVALID'));
  }
  if (input.processedAt && Date.parse(input.processedAt) > store.clock.now() + 1000) {
    errors.push(
      userError(['order', 'processedAt'], 'Processed at must not be in the future', 'PROCESSED_AT_INVALID'),
    );
  }
  let fulfillmentLocation: LocationRecord | undefined;
  if (input.fulfillment) {
    fulfillmentLocation = store.nodeOfType<LocationRecord>(input.fulfillment.locationId, 'Location');
    if (!fulfillmentLocation)
      errors.push(userError(['order', 'fulfillment', 'locationId'], 'Location does not exist', 'INVALID'));
  }
  const location = fulfillmentLocation ?? store.defaultLocation();
  if (!location)
    errors.push(userError(['order'], 'The shop has no active location to fulfil from', 'INVALID'));
  if (errors.length > 0 || !location) return { order: null, userErrors: errors };

  if (input.customer?.toUpsert) customer = upsertCustomer(store, input.customer.toUpsert);

  const shopCurrency = input.currency ?? store.shop.currencyCode;
  const presentmentCurrency = input.presentmentCurrency ?? shopCurrency;
  const currencies = { shop: shopCurrency, presentment: presentmentCurrency };
  const amountsOf = (bag: MoneyBagInput) => amountsFromBagInput(store, bag, presentmentCurrency);
  const taxesIncluded = input.taxesIncluded ?? store.shop.taxesIncluded;
  const now = store.timestamp();
  const number = store.nextNumber('Order');
  const orderNumber = store.takeOrderNumber();
  const email = input.email ?? customer?.email ?? null;
  const sourceName = input.sourceName ?? 'web';
  const order: OrderRecord = {
    __typename: 'Order',
    id: gid('Order', number),
    legacyResourceId: String(number),
    name:
      input.name ??
      `${store.shop.orderNumberFormatPrefix}${orderNumber}${store.shop.orderNumberFormatSuffix}`,
    number: orderNumber - 1000,
    confirmationNumber: store.randomToken(5).toUpperCase().slice(0, 9),
    createdAt: now,
    updatedAt: now,
    processedAt: input.processedAt ? new Date(input.processedAt).toISOString() : now,
    closed: Boolean(input.closedAt),
    closedAt: input.closedAt ? new Date(input.closedAt).toISOString() : null,
    cancelledAt: null,
    cancelReason: null,
    confirmed: true,
    test: input.test ?? false,
    edited: false,
    displayFinancialStatus: 'PENDING',
    displayFulfillmentStatus: 'UNFULFILLED',
    returnStatus: 'NO_RETURN',
    sourceName,
    sourceIdentifier: input.sourceIdentifier ?? null,
    app: appFor(sourceName),
    tags: normaliseTags(input.tags ?? []),
    note: input.note ?? null,
    customAttributes: (input.customAttributes ?? []).map((attribute) => ({
      key: attribute.key,
      value: attribute.value,
    })),
    email,
    phone: input.phone ?? customer?.phone ?? null,
    poNumber: input.poNumber ?? null,
    currencyCode: shopCurrency,
    presentmentCurrencyCode: presentmentCurrency,
    taxesIncluded,
    taxExempt: false,
    dutiesIncluded: false,
    estimatedTaxes: false,
    customerAcceptsMarketing: input.buyerAcceptsMarketing ?? false,
    discountCode: null,
    discountCodes: [],
    paymentGatewayNames: [],
    risk: { recommendation: 'NONE', assessments: [] },
    billingAddress: input.billingAddress ? mailingAddress(store, input.billingAddress) : null,
    shippingAddress: input.shippingAddress ? mailingAddress(store, input.shippingAddress) : null,
    lineItems: [],
    shippingLines: [],
    transactions: [],
    fulfillmentOrders: [],
    fulfillments: [],
    refunds: [],
    returns: [],
    discountApplications: [],
    taxLines: [],
    currentTaxLines: [],
    subtotalLineItemsQuantity: 0,
    currentSubtotalLineItemsQuantity: 0,
    ...zeroTotals(currencies),
    fullyPaid: false,
    unpaid: true,
    capturable: false,
    canMarkAsPaid: false,
    refundable: false,
    restockable: true,
    fulfillable: true,
    requiresShipping: true,
    merchantEditable: true,
    totalWeight: '0',
    currentTotalWeight: '0',
    sim: {
      customerId: customer?.id ?? null,
      financialStatusOverride: null,
      locationIdForNewItems: location.id,
    },
  };
  store.register(order);
  if (order.billingAddress) store.register(order.billingAddress);
  if (order.shippingAddress) store.register(order.shippingAddress);

  // Line items, with per-unit prices, discounts and taxes.
  const unitPrices = lines.map((line, index) => {
    const variant = resolvedVariants[index];
    return line.priceSet ? amountsOf(line.priceSet) : amountsFromVariant(store, variant, presentmentCurrency);
  });
  const unitDiscounts = allocateDiscounts(store, input, lines, unitPrices, order, amountsOf);
  lines.forEach((line, index) => {
    const variant = resolvedVariants[index];
    const product = variant
      ? store.node<ProductRecord>(variant.sim.productId)
      : line.productId
        ? store.node<ProductRecord>(line.productId)
        : undefined;
    const unitPrice = unitPrices[index]!;
    const unitDiscount = unitDiscounts[index]!;
    const discountedUnit = unitPrice.minus(unitDiscount);
    const unitTaxes = (line.taxLines ?? []).map((tax) => ({
      title: tax.title,
      rate: Number(tax.rate),
      channelLiable: tax.channelLiable ?? false,
      unit: tax.priceSet
        ? amountsOf(tax.priceSet).dividedBy(line.quantity)
        : unitTax(discountedUnit, new Decimal(tax.rate), taxesIncluded),
    }));
    const record = newLineItem(store, order, {
      title: line.title ?? product?.title ?? 'Custom item',
      variantTitle:
        line.variantTitle ?? (variant && variant.title !== 'Default Title' ? variant.title : null),
      sku: line.sku ?? variant?.sku ?? null,
      vendor: line.vendor ?? product?.vendor ?? null,
      quantity: line.quantity,
      unitPrice,
      unitDiscount,
      unitTaxes,
      isGiftCard: Boolean(line.giftCard) || (product?.isGiftCard ?? false),
      // The schema defaults requiresShipping to false; a variant's own setting wins over it.
      requiresShipping: variant ? variant.sim.requiresShipping : Boolean(line.requiresShipping),
      taxable: line.taxable ?? variant?.taxable ?? true,
      variantId: variant?.id ?? null,
      productId: product?.id ?? null,
      customAttributes: (line.properties ?? []).map((property) => ({
        key: property.name,
        value: property.value,
      })),
    });
    const application = order.discountApplications[0];
    if (application && application.targetType === 'LINE_ITEM' && !unitDiscount.isZero()) {
      record.discountAllocations.push({
        __typename: 'DiscountAllocation',
        allocatedAmountSet: unitDiscount.times(line.quantity).round().bag(currencies),
        discountApplication: application,
        sim: { unit: pair(unitDiscount) },
      });
      record.sim.discountApplicationIndex = 0;
    }
    assignToFulfillmentOrder(store, order, record, line.quantity, location.id);
  });

  // Order-level tax lines without line-level ones are spread over the lines by their totals.
  if (input.taxLines?.length && lines.every((line) => !line.taxLines?.length))
    spreadOrderTaxLines(order, input.taxLines, amountsOf, taxesIncluded);

  const freeShipping = Boolean(input.discountCode?.freeShippingDiscountCode);
  for (const shippingInput of input.shippingLines ?? []) {
    const original = amountsOf(shippingInput.priceSet);
    const discounted = freeShipping ? Amounts.zero() : original;
    const shippingLine: ShippingLineRecord = {
      __typename: 'ShippingLine',
      id: store.newId('ShippingLine'),
      title: shippingInput.title,
      code: shippingInput.code ?? shippingInput.title,
      source: shippingInput.source ?? 'shopify',
      carrierIdentifier: null,
      custom: true,
      isRemoved: false,
      originalPriceSet: original.round().bag(currencies),
      discountedPriceSet: discounted.round().bag(currencies),
      currentDiscountedPriceSet: discounted.round().bag(currencies),
      discountAllocations: [],
      taxLines: (shippingInput.taxLines ?? []).map((tax) => ({
        __typename: 'TaxLine' as const,
        title: tax.title,
        rate: Number(tax.rate),
        ratePercentage: Number(new Decimal(tax.rate).times(100).toDecimalPlaces(4).toString()),
        channelLiable: tax.channelLiable ?? false,
        source: 'Shopify',
        priceSet: (tax.priceSet
          ? amountsOf(tax.priceSet)
          : unitTax(discounted, new Decimal(tax.rate), taxesIncluded)
        )
          .round()
          .bag(currencies),
      })),
      sim: { refunded: pair(Amounts.zero()) },
    };
    order.shippingLines.push(store.register(shippingLine));
  }
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    if (fulfillmentOrder.deliveryMethod.methodType === 'SHIPPING') {
      fulfillmentOrder.deliveryMethod.presentedName = order.shippingLines[0]?.title ?? 'Shipping';
    }
  }
  recomputeOrder(order);
  order.originalTotalPriceSet = order.totalPriceSet;

  // Payments: explicit transactions, else what financialStatus implies.
  for (const transaction of input.transactions ?? []) {
    const amount = amountsOf(transaction.amountSet);
    if (transaction.giftCardId && (transaction.status ?? 'SUCCESS') === 'SUCCESS')
      debitGiftCard(store, transaction.giftCardId, amount.shop);
    newTransaction(store, order, {
      kind: transaction.kind ?? 'SALE',
      status: transaction.status ?? 'SUCCESS',
      gateway: transaction.gateway ?? 'manual',
      amount: amountsOf(transaction.amountSet),
      processedAt: transaction.processedAt ?? null,
      test: transaction.test ?? order.test,
      locationId: transaction.locationId ?? null,
      giftCardId: transaction.giftCardId ?? null,
    });
  }
  if (!input.transactions?.length && input.financialStatus) {
    const total = Amounts.fromBag(order.totalPriceSet);
    if (input.financialStatus === 'PAID')
      newTransaction(store, order, { kind: 'SALE', status: 'SUCCESS', gateway: 'manual', amount: total });
    else if (input.financialStatus === 'AUTHORIZED')
      newTransaction(store, order, {
        kind: 'AUTHORIZATION',
        status: 'SUCCESS',
        gateway: 'manual',
        amount: total,
      });
    else if (input.financialStatus !== 'PENDING') order.sim.financialStatusOverride = input.financialStatus;
  }
  recomputeOrder(order);

  // Fulfillments asked for at creation, and gift cards (Shopify fulfils those itself once paid).
  const fulfilAll = input.fulfillmentStatus === 'FULFILLED';
  const fulfilFirst = input.fulfillmentStatus === 'PARTIAL';
  const paid = ['PAID', 'PARTIALLY_REFUNDED'].includes(order.displayFinancialStatus);
  const parts: FulfillmentPart[] = [];
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    for (const item of fulfillmentOrder.lineItems) {
      const line = order.lineItems.find((candidate) => candidate.id === item.sim.lineItemId)!;
      const wanted = fulfilAll || (fulfilFirst && line === order.lineItems[0]) || (line.isGiftCard && paid);
      if (wanted && item.remainingQuantity > 0)
        parts.push({ fulfillmentOrder, item, quantity: item.remainingQuantity });
    }
  }
  const giftCardParts = parts.filter(
    (part) => store.node<{ isGiftCard: boolean }>(part.item.sim.lineItemId)?.isGiftCard,
  );
  const fulfillmentsCreated: string[] = [];
  if (parts.length > 0) {
    const trackingNumbers =
      input.fulfillment?.trackingNumbers ??
      (input.fulfillment?.trackingNumber ? [input.fulfillment.trackingNumber] : []);
    const fulfillment = createFulfillment(store, order, parts, {
      locationId: location.id,
      tracking: trackingNumbers.map((trackingNumber) => ({
        company: input.fulfillment?.trackingCompany ?? null,
        number: trackingNumber,
        url: null,
      })),
      notifyCustomer: input.fulfillment?.notifyCustomer ?? false,
    });
    fulfillmentsCreated.push(fulfillment.id);
  }
  for (const part of giftCardParts)
    issueGiftCards(store, order, part.item.sim.lineItemId, part.quantity, customer?.id ?? null);

  store.orders.push(order);
  commitOrderChange(store, order, [
    { kind: 'order-created', order },
    ...fulfillmentsCreated.map((fulfillmentId) => ({
      kind: 'fulfillment-created' as const,
      order,
      fulfillmentId,
    })),
    { kind: 'order-updated', order },
  ]);
  return { order, userErrors: [] };
}

function zeroTotals(currencies: { shop: string; presentment: string }) {
  const zero = () => Amounts.zero().bag(currencies);
  return {
    subtotalPriceSet: zero(),
    currentSubtotalPriceSet: zero(),
    totalShippingPriceSet: zero(),
    currentShippingPriceSet: zero(),
    totalTaxSet: zero(),
    currentTotalTaxSet: zero(),
    totalDiscountsSet: zero(),
    currentTotalDiscountsSet: zero(),
    cartDiscountAmountSet: zero(),
    currentCartDiscountAmountSet: zero(),
    totalPriceSet: zero(),
    currentTotalPriceSet: zero(),
    originalTotalPriceSet: zero(),
    totalTipReceivedSet: zero(),
    totalReceivedSet: zero(),
    netPaymentSet: zero(),
    totalRefundedSet: zero(),
    totalRefundedShippingSet: zero(),
    totalOutstandingSet: zero(),
    totalCapturableSet: zero(),
    refundDiscrepancySet: zero(),
  };
}

/** Tax per unit: added on top, or the included share when prices include tax. */
function unitTax(base: Amounts, rate: Decimal, taxesIncluded: boolean): Amounts {
  if (taxesIncluded) return base.times(rate).dividedBy(rate.plus(1));
  return base.times(rate);
}

function amountsFromVariant(
  store: ShopStore,
  variant: VariantRecord | undefined,
  presentmentCurrency: string,
): Amounts {
  const shop = new Decimal(variant?.price ?? 0);
  return new Amounts(shop, shop.times(store.presentmentRate(presentmentCurrency)).toDecimalPlaces(2));
}

function allocateDiscounts(
  store: ShopStore,
  input: OrderCreateOrderInput,
  lines: NonNullable<OrderCreateOrderInput['lineItems']>,
  unitPrices: Amounts[],
  order: OrderRecord,
  amountsOf: (bag: MoneyBagInput) => Amounts,
): Amounts[] {
  const none = lines.map(() => Amounts.zero());
  const discount = input.discountCode;
  if (!discount) return none;
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  if (discount.itemPercentageDiscountCode) {
    const percentage = new Decimal(discount.itemPercentageDiscountCode.percentage ?? 0);
    addApplication(order, discount.itemPercentageDiscountCode.code, 'LINE_ITEM', {
      __typename: 'PricingPercentageValue',
      percentage: percentage.toNumber(),
    });
    // The percentage of each line's total, rounded per line (as Shopify allocates), spread per unit.
    return lines.map((line, index) =>
      unitPrices[index]!.times(line.quantity)
        .times(percentage)
        .dividedBy(100)
        .round()
        .dividedBy(line.quantity),
    );
  }
  if (discount.itemFixedDiscountCode) {
    const total = discount.itemFixedDiscountCode.amountSet
      ? amountsOf(discount.itemFixedDiscountCode.amountSet)
      : Amounts.zero();
    addApplication(order, discount.itemFixedDiscountCode.code, 'LINE_ITEM', {
      __typename: 'MoneyV2',
      amount: total.round().bag(currencies).shopMoney.amount,
      currencyCode: order.currencyCode,
    });
    const lineTotals = lines.map((line, index) => unitPrices[index]!.times(line.quantity));
    const sum = Amounts.sum(lineTotals);
    if (sum.shop.isZero()) return none;
    // Shares rounded per line; the last line takes what rounding left over, so the lines add up.
    let allocated = Amounts.zero();
    return lines.map((line, index) => {
      const share =
        index === lines.length - 1
          ? total.minus(allocated)
          : total.times(lineTotals[index]!.shop.dividedBy(sum.shop)).round();
      allocated = allocated.plus(share);
      return share.dividedBy(line.quantity);
    });
  }
  if (discount.freeShippingDiscountCode) {
    addApplication(order, discount.freeShippingDiscountCode.code, 'SHIPPING_LINE', {
      __typename: 'PricingPercentageValue',
      percentage: 100,
    });
  }
  void store;
  return none;
}

function addApplication(
  order: OrderRecord,
  code: string,
  targetType: DiscountApplicationRecord['targetType'],
  value: DiscountApplicationRecord['value'],
): void {
  order.discountApplications.push({
    __typename: 'DiscountCodeApplication',
    code,
    index: order.discountApplications.length,
    allocationMethod: 'ACROSS',
    targetSelection: 'ALL',
    targetType,
    value,
  });
  order.discountCode = code;
  order.discountCodes = [...order.discountCodes, code];
}

function spreadOrderTaxLines(
  order: OrderRecord,
  taxLines: TaxLineInput[],
  amountsOf: (bag: MoneyBagInput) => Amounts,
  taxesIncluded: boolean,
): void {
  const lineTotals = order.lineItems.map((line) =>
    Amounts.of(line.sim.unitPrice[0], line.sim.unitPrice[1])
      .minus(Amounts.of(line.sim.unitDiscount[0], line.sim.unitDiscount[1]))
      .times(line.quantity),
  );
  const sum = Amounts.sum(lineTotals);
  for (const tax of taxLines) {
    order.lineItems.forEach((line, index) => {
      const share = sum.shop.isZero()
        ? new Decimal(1).dividedBy(order.lineItems.length)
        : lineTotals[index]!.shop.dividedBy(sum.shop);
      const lineTax = tax.priceSet
        ? amountsOf(tax.priceSet).times(share)
        : unitTax(lineTotals[index]!, new Decimal(tax.rate), taxesIncluded);
      line.sim.unitTaxes.push({
        title: tax.title,
        rate: Number(tax.rate),
        channelLiable: tax.channelLiable ?? false,
        unit: pair(lineTax.dividedBy(line.quantity)),
      });
    });
  }
}

function mailingAddress(
  store: ShopStore,
  input: AddressInput,
): AddressRecord & { __typename: 'MailingAddress'; id: string } {
  return {
    __typename: 'MailingAddress',
    id: store.newId('MailingAddress'),
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    name: [input.firstName, input.lastName].filter(Boolean).join(' ') || null,
    company: input.company ?? null,
    address1: input.address1 ?? null,
    address2: input.address2 ?? null,
    city: input.city ?? null,
    province: input.province ?? input.provinceCode ?? null,
    provinceCode: input.provinceCode ?? null,
    country: input.country ?? input.countryCode ?? null,
    countryCodeV2: input.countryCode ?? null,
    zip: input.zip ?? null,
    phone: input.phone ?? null,
  };
}

function upsertCustomer(
  store: ShopStore,
  input: NonNullable<NonNullable<OrderCreateOrderInput['customer']>['toUpsert']>,
): CustomerRecord {
  const existing =
    (input.id ? store.nodeOfType<CustomerRecord>(input.id, 'Customer') : undefined) ??
    (input.email ? store.findCustomerByEmail(input.email) : undefined);
  const address = input.addresses?.[0];
  if (!existing) {
    return store.addCustomer({
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      tags: input.tags ?? [],
      note: input.note ?? null,
      address: address
        ? {
            address1: address.address1 ?? undefined,
            address2: address.address2 ?? undefined,
            city: address.city ?? undefined,
            province: address.province ?? undefined,
            provinceCode: address.provinceCode ?? undefined,
            country: address.country ?? undefined,
            countryCode: address.countryCode ?? undefined,
            zip: address.zip ?? undefined,
            company: address.company ?? undefined,
            phone: address.phone ?? undefined,
          }
        : null,
    });
  }
  if (input.firstName !== undefined) existing.firstName = input.firstName ?? null;
  if (input.lastName !== undefined) existing.lastName = input.lastName ?? null;
  if (input.phone) {
    existing.phone = input.phone;
    existing.defaultPhoneNumber = { phoneNumber: input.phone };
  }
  if (input.email) {
    existing.email = input.email;
    existing.defaultEmailAddress = { emailAddress: input.email };
  }
  if (input.note !== undefined) existing.note = input.note ?? null;
  if (input.tags) existing.tags = normaliseTags([...existing.tags, ...input.tags]);
  existing.displayName =
    [existing.firstName, existing.lastName].filter(Boolean).join(' ') || existing.email || 'Customer';
  existing.updatedAt = store.timestamp();
  return existing;
}

function issueGiftCards(
  store: ShopStore,
  order: OrderRecord,
  lineItemId: string,
  quantity: number,
  customerId: string | null,
): void {
  const line = order.lineItems.find((candidate) => candidate.id === lineItemId);
  if (!line) return;
  for (let unit = 0; unit < quantity; unit++) {
    const code = store.randomToken(8).toUpperCase();
    const now = store.timestamp();
    const value = {
      amount: Amounts.of(line.sim.unitPrice[0])
        .round()
        .bag({ shop: order.currencyCode, presentment: order.currencyCode }).shopMoney.amount,
      currencyCode: order.currencyCode,
    };
    const giftCard: GiftCardRecord = {
      __typename: 'GiftCard',
      id: store.newId('GiftCard'),
      balance: { ...value },
      initialValue: { ...value },
      enabled: true,
      lastCharacters: code.slice(-4),
      maskedCode: `•••• •••• •••• ${code.slice(-4)}`,
      note: null,
      expiresOn: null,
      createdAt: now,
      updatedAt: now,
      sim: { orderId: order.id, lineItemId: line.id, customerId },
    };
    store.giftCards.push(store.register(giftCard));
  }
}

function appFor(sourceName: string): OrderRecord['app'] {
  const name =
    sourceName === 'pos'
      ? 'Point of Sale'
      : sourceName === 'web'
        ? 'Online Store'
        : sourceName === 'shopify_draft_order'
          ? 'Draft Orders'
          : 'orderbridge simulator';
  const id = sourceName === 'pos' ? 129785 : sourceName === 'web' ? 580111 : 1354745;
  return {
    __typename: 'OrderApp',
    id: gid('App', id),
    name,
    icon: { url: 'https://cdn.shopify.com/app-icon.png' },
  };
}

/** Tags as Shopify keeps them: trimmed, without blanks or duplicates (compared case-insensitively). */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags.flatMap((tag) => tag.split(','))) {
    const tag = raw.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    result.push(tag);
  }
  return result;
}

import type { OrderProblemCode } from './order-problems';
import type { RefundProblemCode } from './refund-problems';

/**
 * Which open problems a change to the ERP's configuration can fix, so the orders and refunds that
 * wait on them are woken at once instead of at their next back-off re-check. Pure.
 */
export type ConfigurationChange =
  | 'item-mapping'
  | 'customer-mapping'
  | 'location-mapping'
  | 'shipment-method-mapping'
  | 'exchange-rate'
  | 'customer-template'
  | 'shop-card';

export interface FixableProblems {
  order: readonly OrderProblemCode[];
  refund: readonly RefundProblemCode[];
}

const FIXABLE: Record<ConfigurationChange, FixableProblems> = {
  'item-mapping': { order: ['ITEM_NOT_MAPPED'], refund: ['ITEM_NOT_MAPPED'] },
  'customer-mapping': { order: ['CUSTOMER_NOT_FOUND'], refund: [] },
  'location-mapping': { order: ['LOCATION_NOT_MAPPED', 'SHIPMENT_NOT_SYNCED'], refund: [] },
  'shipment-method-mapping': { order: ['SHIPMENT_METHOD_NOT_MAPPED'], refund: [] },
  'exchange-rate': { order: ['EXCHANGE_RATE_MISSING', 'CURRENCY_NOT_SET_UP'], refund: [] },
  'customer-template': {
    order: ['CUSTOMER_NOT_FOUND', 'CUSTOMER_TEMPLATE_MISSING', 'TAX_AREA_NOT_FOUND'],
    refund: [],
  },
  // A shop card holds accounts, the return location, customer and tax settings and its own state.
  'shop-card': {
    order: [
      'SHOP_DISABLED',
      'ACCOUNT_NOT_SET',
      'CUSTOMER_NOT_FOUND',
      'CUSTOMER_TEMPLATE_MISSING',
      'CUSTOMER_ADDRESS_MISSING',
      'CURRENCY_NOT_SET_UP',
      'EXCHANGE_RATE_MISSING',
      'TAX_AREA_NOT_FOUND',
      'LOCATION_NOT_MAPPED',
    ],
    refund: ['ACCOUNT_NOT_SET', 'RETURN_LOCATION_NOT_SET', 'REFUND_SETTINGS_INVALID', 'ITEM_NOT_MAPPED'],
  },
};

export function problemsFixableBy(change: ConfigurationChange): FixableProblems {
  return FIXABLE[change];
}

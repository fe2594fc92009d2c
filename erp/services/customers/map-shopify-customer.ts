import { normalizeShopifyId } from '../../../domain/shopify-ids';
import { Customer } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { linkShopifyCustomer } from './customers';

export class CustomerNotFoundError extends Error {
  constructor(customerNo: string) {
    super(`Customer ${customerNo} does not exist: check the number (customers are listed in the ERP)`);
    this.name = 'CustomerNotFoundError';
  }
}

/**
 * Operator fix (SPEC §4.2): links a Shopify customer of a store to an existing ERP customer. Orders
 * still without a customer get it on their next mapping.
 */
export async function mapShopifyCustomer(
  context: ErpContext,
  store: string,
  shopifyCustomerId: string,
  customerNo: string,
): Promise<{ store: string; shopifyCustomerId: string; customerNo: string }> {
  const customerGid = normalizeShopifyId('Customer', shopifyCustomerId);
  return inTransaction(context, async (em) => {
    if (!(await em.findOne(Customer, customerNo))) throw new CustomerNotFoundError(customerNo);
    await linkShopifyCustomer(em, store, customerGid, customerNo);
    return { store, shopifyCustomerId: customerGid, customerNo };
  });
}

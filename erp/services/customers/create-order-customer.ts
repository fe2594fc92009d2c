import { isUsableAddress } from '../../../domain/customer-matching';
import { newCustomerFromBillTo } from '../../../domain/customer-selection';
import { OrderProblems, OrderProblemsError } from '../../../domain/order-problems';
import { inTransaction, type ErpContext } from '../shared/context';
import { createCustomerFromTemplate } from './customers';
import { ErpConfig } from '../settings/erp-config';
import { lockImportedOrder } from '../orders/map-order';

/**
 * Operator fix (SPEC §4.2): creates a new customer for an imported order from a chosen template and
 * the order's bill-to address, links the Shopify customer to it and sets it on the order. Calling it
 * again for an order that already got its customer this way returns that customer.
 */
export async function createCustomerForOrder(
  context: ErpContext,
  importedOrderId: number,
  templateCode: string,
): Promise<{ importedOrderId: number; customerNo: string; created: boolean }> {
  return inTransaction(context, async (em) => {
    const order = await lockImportedOrder(em, importedOrderId);
    if (
      order.customerSetByOperator &&
      order.sellToCustomerNo &&
      order.customerTemplateCode === templateCode
    ) {
      return { importedOrderId, customerNo: order.sellToCustomerNo, created: false };
    }
    const config = await ErpConfig.read(em);
    if (!(await config.customerTemplate(templateCode))) {
      throw new OrderProblemsError([
        {
          ...OrderProblems.customerTemplateMissing(
            order.name,
            order.shopCode,
            order.billingAddress?.countryCode ?? null,
          ),
          message: `Order ${order.name}: customer template '${templateCode}' does not exist: pick one from \`orderbridge customer-template list\``,
          fix: 'pick one from `orderbridge customer-template list`',
        },
      ]);
    }
    const billing = order.billingAddress ?? null;
    if (!isUsableAddress(billing))
      throw new OrderProblemsError([OrderProblems.customerAddressMissing(order.name)]);
    const customer = await createCustomerFromTemplate(
      em,
      config,
      templateCode,
      newCustomerFromBillTo(billing, {
        email: order.email ?? order.customer?.email ?? null,
        phone: order.phone ?? order.customer?.phone ?? null,
      }),
      order.shopifyCustomerId
        ? { store: order.store, shopifyCustomerId: order.shopifyCustomerId }
        : undefined,
    );
    order.sellToCustomerNo = customer.no;
    order.billToCustomerNo = customer.no;
    order.customerSetByOperator = true;
    order.customerTemplateCode = templateCode;
    await em.flush();
    return { importedOrderId, customerNo: customer.no, created: true };
  });
}

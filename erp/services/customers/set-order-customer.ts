import { OrderProblems, OrderProblemsError } from '../../../domain/order-problems';
import { Customer } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { lockImportedOrder } from '../orders/map-order';

/**
 * Operator fix (SPEC §4.2): sets the sell-to and bill-to customer of an imported order. Mapping keeps
 * an operator's choice; run mapOrder / createSalesDocument afterwards.
 */
export async function setOrderCustomer(
  context: ErpContext,
  importedOrderId: number,
  sellToCustomerNo: string,
  billToCustomerNo: string = sellToCustomerNo,
): Promise<{ importedOrderId: number; sellToCustomerNo: string; billToCustomerNo: string }> {
  return inTransaction(context, async (em) => {
    const order = await lockImportedOrder(em, importedOrderId);
    for (const customerNo of new Set([sellToCustomerNo, billToCustomerNo])) {
      const customer = await em.findOne(Customer, customerNo);
      if (!customer || customer.blocked) {
        throw new OrderProblemsError([
          OrderProblems.customerNotFound(
            order.name,
            customer ? `customer ${customerNo} is blocked` : `customer ${customerNo} does not exist`,
            order.shopifyCustomerId !== null,
          ),
        ]);
      }
    }
    order.sellToCustomerNo = sellToCustomerNo;
    order.billToCustomerNo = billToCustomerNo;
    order.customerSetByOperator = true;
    await em.flush();
    return { importedOrderId, sellToCustomerNo, billToCustomerNo };
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, CustomerTemplate, ImportedOrder } from '../entities';
import { linkShopifyCustomer } from './customers';
import { inTransaction, type ErpContext } from './context';

/**
 * The three ways an operator resolves a missing customer (SPEC §4.2). Each only records the
 * decision on the imported order (or the customer link); the next mapping run carries it out, so
 * mapping stays the one place that picks customers. Errors name the order, the value and the fix.
 */
export class OperatorFixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorFixError';
  }
}

async function orderWithoutDocument(em: EntityManager, importedOrderId: number): Promise<ImportedOrder> {
  const order = await em.findOne(ImportedOrder, importedOrderId);
  if (!order) throw new OperatorFixError(`Imported order ${importedOrderId} does not exist.`);
  if (order.stage === 'document_created' || order.stage === 'closed') {
    throw new OperatorFixError(
      `Order ${order.name} already has its sales document: change the customer on the document instead.`,
    );
  }
  return order;
}

async function requireCustomer(
  em: EntityManager,
  orderName: string,
  customerNo: string,
  role: string,
): Promise<void> {
  if (!(await em.findOne(Customer, customerNo))) {
    throw new OperatorFixError(
      `Order ${orderName}: ${role} customer '${customerNo}' does not exist: check the number, or create the customer first.`,
    );
  }
}

/** Sets the sell-to (and bill-to) customer; mapping keeps an operator's choice. */
export async function assignCustomerToImportedOrder(
  context: ErpContext,
  input: { importedOrderId: number; sellToCustomerNo: string; billToCustomerNo?: string },
): Promise<void> {
  await inTransaction(context, async (em) => {
    const order = await orderWithoutDocument(em, input.importedOrderId);
    const billToCustomerNo = input.billToCustomerNo ?? input.sellToCustomerNo;
    await requireCustomer(em, order.name, input.sellToCustomerNo, 'sell-to');
    await requireCustomer(em, order.name, billToCustomerNo, 'bill-to');
    order.sellToCustomerNo = input.sellToCustomerNo;
    order.billToCustomerNo = billToCustomerNo;
    order.customerSetByOperator = true;
    await em.flush();
  });
}

/** Chooses the template mapping creates this order's new customer from (with the bill-to data). */
export async function chooseCustomerTemplateForImportedOrder(
  context: ErpContext,
  input: { importedOrderId: number; templateCode: string },
): Promise<void> {
  await inTransaction(context, async (em) => {
    const order = await orderWithoutDocument(em, input.importedOrderId);
    if (!(await em.findOne(CustomerTemplate, input.templateCode))) {
      throw new OperatorFixError(
        `Order ${order.name}: customer template '${input.templateCode}' does not exist: see \`orderbridge customer-template list\`.`,
      );
    }
    if (!order.billingAddress && !order.shippingAddress) {
      throw new OperatorFixError(
        `Order ${order.name} has no bill-to or ship-to address to create a customer from: assign an existing customer with \`orderbridge order assign-customer\`.`,
      );
    }
    order.customerTemplateCode = input.templateCode;
    if (!order.customerSetByOperator) {
      order.sellToCustomerNo = null;
      order.billToCustomerNo = null;
    }
    await em.flush();
  });
}

/** Links the order's Shopify customer to an existing customer, for this order and every later one. */
export async function mapShopifyCustomerOfImportedOrder(
  context: ErpContext,
  input: { importedOrderId: number; customerNo: string },
): Promise<void> {
  await inTransaction(context, async (em) => {
    const order = await orderWithoutDocument(em, input.importedOrderId);
    if (!order.shopifyCustomerId) {
      throw new OperatorFixError(
        `Order ${order.name} has no Shopify customer to map: use \`orderbridge order assign-customer\` instead.`,
      );
    }
    await requireCustomer(em, order.name, input.customerNo, 'mapped');
    await linkShopifyCustomer(em, order.store, order.shopifyCustomerId, input.customerNo);
    if (!order.customerSetByOperator) {
      order.sellToCustomerNo = null;
      order.billToCustomerNo = null;
    }
    await em.flush();
  });
}

import { entityManagerOf, inTransaction, type ErpContext } from '../shared/context';

/** The customer's orders: those Shopify names, and any imported under the customer's id. */
const CUSTOMER_ORDERS = `select id, name, shopify_order_id from imported_order
  where store = ? and (shopify_customer_id = ? or shopify_order_id in (select jsonb_array_elements_text(?::jsonb)))`;

/** Fields of an imported order that can hold personal data; customers/redact empties them. */
export const IMPORTED_ORDER_PERSONAL_FIELDS = [
  'email',
  'phone',
  'customer',
  'billing_address',
  'shipping_address',
  'note',
  'attributes',
] as const;

export interface CustomerDataHeld {
  importedOrders: { name: string; shopifyOrderId: string; personalFields: string[] }[];
  customers: { customerNo: string; personalFields: string[] }[];
  salesDocuments: { documentType: string; no: string }[];
  postedInvoices: { no: string }[];
}

/**
 * What the ERP holds on a Shopify customer, named by record and field, never by value: the
 * operator answers the data request from it (`order show`, `erp` commands show the values).
 */
export async function customerDataHeld(
  context: ErpContext,
  shopDomain: string,
  shopifyCustomerId: string,
  shopifyOrderIds: readonly string[],
): Promise<CustomerDataHeld> {
  const em = entityManagerOf(context);
  const orders = await em.execute<
    {
      name: string;
      shopify_order_id: string;
      email: boolean;
      phone: boolean;
      customer: boolean;
      billing_address: boolean;
      shipping_address: boolean;
      note: boolean;
      attributes: boolean;
    }[]
  >(
    `select o.name, o.shopify_order_id, o.email is not null as email, o.phone is not null as phone,
            o.customer is not null and o.customer <> 'null'::jsonb as customer,
            o.billing_address is not null and o.billing_address <> 'null'::jsonb as billing_address,
            o.shipping_address is not null and o.shipping_address <> 'null'::jsonb as shipping_address,
            o.note is not null as note, o.attributes <> '[]'::jsonb as attributes
       from (${CUSTOMER_ORDERS}) as mine join imported_order o on o.id = mine.id order by o.name`,
    [shopDomain, shopifyCustomerId, JSON.stringify(shopifyOrderIds)],
  );
  const customers = await em.execute<{ customer_no: string; email: boolean; phone: boolean }[]>(
    `select c.no as customer_no, c.email is not null as email, c.phone is not null as phone
       from shopify_customer_link link join customer c on c.no = link.customer_no
      where link.store = ? and link.shopify_customer_id = ? order by c.no`,
    [shopDomain, shopifyCustomerId],
  );
  const documents = await em.execute<{ document_type: string; no: string }[]>(
    `select document_type, no from sales_header
      where store = ? and shopify_order_id in (select shopify_order_id from (${CUSTOMER_ORDERS}) as mine)
      order by no`,
    [shopDomain, shopDomain, shopifyCustomerId, JSON.stringify(shopifyOrderIds)],
  );
  const invoices = await em.execute<{ no: string }[]>(
    `select no from sales_invoice_header_posted
      where store = ? and shopify_order_id in (select shopify_order_id from (${CUSTOMER_ORDERS}) as mine)
      order by no`,
    [shopDomain, shopDomain, shopifyCustomerId, JSON.stringify(shopifyOrderIds)],
  );
  return {
    importedOrders: orders.map((order) => ({
      name: order.name,
      shopifyOrderId: order.shopify_order_id,
      personalFields: IMPORTED_ORDER_PERSONAL_FIELDS.filter((field) => order[field]),
    })),
    customers: customers.map((customer) => ({
      customerNo: customer.customer_no,
      personalFields: [
        'name',
        'address',
        ...(customer.email ? ['email'] : []),
        ...(customer.phone ? ['phone'] : []),
      ],
    })),
    salesDocuments: documents.map((document) => ({ documentType: document.document_type, no: document.no })),
    postedInvoices: invoices.map((invoice) => ({ no: invoice.no })),
  };
}

/**
 * Empties the personal fields of the customer's imported-order copies. Posted invoices and the
 * ERP customer they bill keep name and address: invoices must show them and be kept for years.
 */
export async function redactCustomerOrders(
  context: ErpContext,
  shopDomain: string,
  shopifyCustomerId: string,
  shopifyOrderIds: readonly string[],
): Promise<{ ordersRedacted: number; customerLinksRemoved: number }> {
  return inTransaction(context, async (em) => {
    const redacted = await em.execute<{ id: number }[]>(
      `update imported_order set email = null, phone = null, customer = null, billing_address = null,
              shipping_address = null, note = null, attributes = '[]'::jsonb, shopify_customer_id = null
        where id in (select id from (${CUSTOMER_ORDERS}) as mine) returning id`,
      [shopDomain, shopifyCustomerId, JSON.stringify(shopifyOrderIds)],
    );
    const links = await em.execute<{ id: number }[]>(
      `delete from shopify_customer_link where store = ? and shopify_customer_id = ? returning id`,
      [shopDomain, shopifyCustomerId],
    );
    return { ordersRedacted: redacted.length, customerLinksRemoved: links.length };
  });
}

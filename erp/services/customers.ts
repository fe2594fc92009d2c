import type { EntityManager } from '@mikro-orm/postgresql';
import { normalizeEmail, normalizePhoneDigits } from '../../domain/customer-matching';
import type { NewCustomerData } from '../../domain/customer-selection';
import type { DocumentAddress } from '../../domain/document-address';
import { Customer, CustomerTemplate, ShopifyCustomerLink } from '../entities';
import { getErpSetup } from './erp-setup';
import { nextNumber } from './number-series';

export class CustomerTemplateNotFoundError extends Error {
  constructor(templateCode: string) {
    super(
      `Customer template '${templateCode}' does not exist: create it first (orderbridge customer-template add-template)`,
    );
    this.name = 'CustomerTemplateNotFoundError';
  }
}

/** A new customer from a template and bill-to data; its number comes from the customer series. */
export async function createCustomerFromTemplate(
  em: EntityManager,
  templateCode: string,
  data: NewCustomerData,
): Promise<Customer> {
  const template = await em.findOne(CustomerTemplate, templateCode);
  if (!template) throw new CustomerTemplateNotFoundError(templateCode);
  const setup = await getErpSetup(em);
  const customer = em.create(Customer, {
    no: await nextNumber(em, setup.customerNos),
    name: data.name,
    name2: data.name2,
    contact: data.contact,
    address: data.address,
    address2: data.address2,
    city: data.city,
    postCode: data.postCode,
    county: data.county,
    countryCode: data.countryCode,
    email: normalizeEmail(data.email),
    phone: data.phone,
    phoneDigits: normalizePhoneDigits(data.phone),
    taxAreaCode: template.taxAreaCode ?? null,
    currencyCode: template.currencyCode ?? null,
    createdFromTemplateCode: template.code,
  });
  await em.flush();
  return customer;
}

/** Links a Shopify customer of a store to an ERP customer; a later link replaces an earlier one. */
export async function linkShopifyCustomer(
  em: EntityManager,
  store: string,
  shopifyCustomerId: string,
  customerNo: string,
): Promise<void> {
  await em.upsert(
    ShopifyCustomerLink,
    { store, shopifyCustomerId, customerNo },
    {
      onConflictFields: ['store', 'shopifyCustomerId'],
      onConflictAction: 'merge',
      onConflictMergeFields: ['customerNo'],
    },
  );
}

export function customerAddress(customer: Customer): DocumentAddress {
  return {
    name: customer.name,
    name2: customer.name2 ?? null,
    contact: customer.contact ?? null,
    address: customer.address ?? null,
    address2: customer.address2 ?? null,
    city: customer.city ?? null,
    postCode: customer.postCode ?? null,
    county: customer.county ?? null,
    countryCode: customer.countryCode ?? null,
    phone: customer.phone ?? null,
  };
}

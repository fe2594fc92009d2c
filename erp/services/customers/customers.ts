import type { EntityManager } from '@mikro-orm/postgresql';
import { normalizeEmail, normalizePhoneDigits } from '../../../domain/customer-matching';
import type { NewCustomerData } from '../../../domain/customer-selection';
import type { DocumentAddress } from '../../../domain/document-address';
import { Customer, ShopifyCustomerLink } from '../../entities';
import type { ErpConfig } from '../settings/erp-config';
import { requireErpSetup } from '../settings/erp-setup';
import { NumberSeriesMissingError, TAKE_NUMBER_CTE } from '../shared/number-series';

export class CustomerTemplateNotFoundError extends Error {
  constructor(templateCode: string) {
    super(
      `Customer template '${templateCode}' does not exist: create it first (orderbridge customer-template add-template)`,
    );
    this.name = 'CustomerTemplateNotFoundError';
  }
}

/** What documents and tax area rules read of a customer, as a plain value. */
/** A customer: its number, its address block (the one documents copy) and its tax area. */
export interface CustomerRecord extends DocumentAddress {
  no: string;
  taxAreaCode: string | null;
}

/** A customer row as Postgres renders it in JSON (`to_json(customer)`): column names. */
export interface CustomerJsonRow {
  no: string;
  name: string;
  name2: string | null;
  contact: string | null;
  address: string | null;
  address2: string | null;
  city: string | null;
  post_code: string | null;
  county: string | null;
  country_code: string | null;
  phone: string | null;
  tax_area_code: string | null;
}

export function customerRecordOfRow(row: CustomerJsonRow): CustomerRecord {
  return {
    no: row.no,
    name: row.name,
    name2: row.name2,
    contact: row.contact,
    address: row.address,
    address2: row.address2,
    city: row.city,
    postCode: row.post_code,
    county: row.county,
    countryCode: row.country_code,
    phone: row.phone,
    taxAreaCode: row.tax_area_code,
  };
}

/** The customers that exist among `nos`, by number, in one query. */
export async function findCustomers(
  em: EntityManager,
  nos: readonly string[],
): Promise<Map<string, CustomerRecord>> {
  if (nos.length === 0) return new Map();
  const found = await em.find(Customer, { no: { $in: [...new Set(nos)] } }, { disableIdentityMap: true });
  return new Map(
    found.map((customer) => [
      customer.no,
      {
        no: customer.no,
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
        taxAreaCode: customer.taxAreaCode ?? null,
      },
    ]),
  );
}

/**
 * A new customer from a template and bill-to data; its number comes from the customer series. When
 * `linkTo` names a Shopify customer, it is linked to the new customer (a later link replaces an
 * earlier one). Number, customer and link are written together: all or none.
 */
export async function createCustomerFromTemplate(
  em: EntityManager,
  config: ErpConfig,
  templateCode: string,
  data: NewCustomerData,
  linkTo?: { store: string; shopifyCustomerId: string },
): Promise<CustomerRecord> {
  const template = await config.customerTemplate(templateCode);
  if (!template) throw new CustomerTemplateNotFoundError(templateCode);
  const setup = await requireErpSetup(config);
  const customer: CustomerRecord = {
    no: '',
    name: data.name,
    name2: data.name2,
    contact: data.contact,
    address: data.address,
    address2: data.address2,
    city: data.city,
    postCode: data.postCode,
    county: data.county,
    countryCode: data.countryCode,
    phone: data.phone,
    taxAreaCode: template.taxAreaCode,
  };
  const link = linkTo
    ? `, linked as (
        insert into shopify_customer_link (store, shopify_customer_id, customer_no)
        select ?, ?, no from created
        on conflict (store, shopify_customer_id) do update set customer_no = excluded.customer_no
      )`
    : '';
  const rows = await em.execute<{ no: string }[]>(
    `with ${TAKE_NUMBER_CTE},
     created as (
       insert into customer (no, name, name2, contact, address, address2, city, post_code, county,
                             country_code, email, phone, phone_digits, tax_area_code, currency_code,
                             created_from_template_code)
       select taken.no, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from taken
       returning no
     )${link}
     select no from created`,
    [
      setup.customerNos,
      customer.name,
      customer.name2,
      customer.contact,
      customer.address,
      customer.address2,
      customer.city,
      customer.postCode,
      customer.county,
      customer.countryCode,
      normalizeEmail(data.email),
      customer.phone,
      normalizePhoneDigits(data.phone),
      template.taxAreaCode,
      template.currencyCode,
      template.code,
      ...(linkTo ? [linkTo.store, linkTo.shopifyCustomerId] : []),
    ],
  );
  const created = rows[0];
  if (!created) throw new NumberSeriesMissingError(setup.customerNos);
  return { ...customer, no: created.no };
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

export function customerAddress(customer: CustomerRecord): DocumentAddress {
  return {
    name: customer.name,
    name2: customer.name2,
    contact: customer.contact,
    address: customer.address,
    address2: customer.address2,
    city: customer.city,
    postCode: customer.postCode,
    county: customer.county,
    countryCode: customer.countryCode,
    phone: customer.phone,
  };
}

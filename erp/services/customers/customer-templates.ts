import { Customer, CustomerTemplate, ShopCard, ShopCustomerTemplate, TaxArea } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';

export interface ShopCustomerTemplateView {
  shopCode: string;
  countryCode: string;
  templateCode: string | null;
  defaultCustomerNo: string | null;
}

export class CustomerTemplateSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomerTemplateSettingError';
  }
}

/** An ERP customer template (the defaults of new customers). */
export async function addCustomerTemplate(
  context: ErpContext,
  input: { code: string; description: string; taxAreaCode?: string | null },
): Promise<{ code: string; created: boolean }> {
  const code = input.code.toUpperCase();
  return inTransaction(context, async (em) => {
    if (input.taxAreaCode && !(await em.findOne(TaxArea, input.taxAreaCode))) {
      throw new CustomerTemplateSettingError(`Tax area ${input.taxAreaCode} does not exist`);
    }
    const existing = await em.findOne(CustomerTemplate, code);
    if (existing) {
      em.assign(existing, {
        description: input.description,
        taxAreaCode: input.taxAreaCode ?? existing.taxAreaCode ?? null,
      });
    } else {
      em.create(CustomerTemplate, {
        code,
        description: input.description,
        taxAreaCode: input.taxAreaCode ?? null,
      });
    }
    await em.flush();
    return { code, created: !existing };
  });
}

export async function listCustomerTemplates(context: ErpContext) {
  return inTransaction(context, async (em) =>
    (await em.find(CustomerTemplate, {}, { orderBy: { code: 'asc' } })).map((template) => ({
      code: template.code,
      description: template.description,
      taxAreaCode: template.taxAreaCode ?? null,
    })),
  );
}

/**
 * Sets a shop card's row for a country (SPEC §1, §4.2): the template for new customers there, and
 * optionally a default customer that every order shipped there gets.
 */
export async function setShopCustomerTemplate(
  context: ErpContext,
  input: {
    shopCode: string;
    countryCode: string;
    templateCode?: string | null;
    defaultCustomerNo?: string | null;
  },
): Promise<ShopCustomerTemplateView> {
  const shopCode = input.shopCode.toUpperCase();
  const countryCode = input.countryCode.toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) {
    throw new CustomerTemplateSettingError(
      `Country '${input.countryCode}': expected an ISO 3166 code like NO or US`,
    );
  }
  return inTransaction(context, async (em) => {
    if (!(await em.findOne(ShopCard, shopCode)))
      throw new CustomerTemplateSettingError(`Shop card ${shopCode} does not exist`);
    if (input.templateCode && !(await em.findOne(CustomerTemplate, input.templateCode))) {
      throw new CustomerTemplateSettingError(
        `Customer template ${input.templateCode} does not exist: add it with \`orderbridge customer-template add-template ${input.templateCode} --description <text>\``,
      );
    }
    if (input.defaultCustomerNo && !(await em.findOne(Customer, input.defaultCustomerNo))) {
      throw new CustomerTemplateSettingError(`Customer ${input.defaultCustomerNo} does not exist`);
    }
    const row =
      (await em.findOne(ShopCustomerTemplate, { shopCode, countryCode })) ??
      em.create(ShopCustomerTemplate, { shopCode, countryCode, templateCode: null, defaultCustomerNo: null });
    if (input.templateCode !== undefined) row.templateCode = input.templateCode;
    if (input.defaultCustomerNo !== undefined) row.defaultCustomerNo = input.defaultCustomerNo;
    await em.flush();
    return {
      shopCode,
      countryCode,
      templateCode: row.templateCode ?? null,
      defaultCustomerNo: row.defaultCustomerNo ?? null,
    };
  });
}

export async function removeShopCustomerTemplate(
  context: ErpContext,
  shopCode: string,
  countryCode: string,
): Promise<boolean> {
  const removed = await inTransaction(context, (em) =>
    em.nativeDelete(ShopCustomerTemplate, {
      shopCode: shopCode.toUpperCase(),
      countryCode: countryCode.toUpperCase(),
    }),
  );
  return removed > 0;
}

export async function listShopCustomerTemplates(
  context: ErpContext,
  shopCode?: string,
): Promise<ShopCustomerTemplateView[]> {
  return inTransaction(context, async (em) =>
    (
      await em.find(ShopCustomerTemplate, shopCode ? { shopCode: shopCode.toUpperCase() } : {}, {
        orderBy: { shopCode: 'asc', countryCode: 'asc' },
      })
    ).map((row) => ({
      shopCode: row.shopCode,
      countryCode: row.countryCode,
      templateCode: row.templateCode ?? null,
      defaultCustomerNo: row.defaultCustomerNo ?? null,
    })),
  );
}

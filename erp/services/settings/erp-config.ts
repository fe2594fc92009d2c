import type { EntityManager } from '@mikro-orm/postgresql';
import type { ShopSettings } from '../../../domain/shop-settings';
import {
  Currency,
  CurrencyExchangeRate,
  CustomerTemplate,
  ErpSetup,
  GlAccount,
  LocationMapping,
  ShipmentMethodMapping,
  ShopCard,
  ShopCustomerTemplate,
  TaxArea,
} from '../../entities';
import { toShopSettings } from './shop-settings';

export interface ErpSetupRecord {
  lcyCode: string;
  salesOrderNos: string;
  salesInvoiceNos: string;
  customerNos: string;
}

export interface CountryTemplateRecord {
  templateCode: string | null;
  defaultCustomerNo: string | null;
}

export interface CustomerTemplateRecord {
  code: string;
  taxAreaCode: string | null;
  currencyCode: string | null;
}

export interface TaxAreaRecord {
  code: string;
  countryCode: string;
  county: string | null;
  /** Decimal string, as stored. */
  taxRatePercent: string;
}

export interface GlAccountRecord {
  no: string;
  name: string;
  taxable: boolean;
}

export interface ExchangeRateRecord {
  /** YYYY-MM-DD. */
  startingDate: string;
  rateLcyPerUnit: string;
}

/**
 * The configuration version as an SQL expression, for a unit of work to read beside a statement it
 * runs anyway. Triggers change it with every change to a configuration table (see
 * Migration20261127183314_config_version).
 */
export const CONFIG_VERSION_SQL = '(select "version" from "config_version" where "id" = 1)';

/** What one process cached for one configuration version: plain frozen values, filled as asked. */
interface Generation {
  version: string;
  entries: Map<string, unknown>;
}

/**
 * Per ORM (keyed by its driver, which its forks share): the generations of the two versions seen
 * last. Two, not one: while a change commits, units of work that read the version just before it
 * still arrive beside those that read it after, and with one slot each would empty the other's.
 */
const generations = new WeakMap<object, Generation[]>();
const GENERATIONS_KEPT = 2;

function generationFor(em: EntityManager, version: string): Generation {
  const driver = em.getDriver();
  const kept = generations.get(driver) ?? [];
  let generation = kept.find((candidate) => candidate.version === version);
  if (!generation) {
    generation = { version, entries: new Map() };
    generations.set(driver, [generation, ...kept].slice(0, GENERATIONS_KEPT));
  }
  return generation;
}

/**
 * Configuration as one unit of work sees it: served from the process cache while the version it
 * read is the cached one, else read in the unit's transaction and cached under that version.
 *
 * Never stale: a unit reads the version before it reads any configuration, so whatever it caches
 * is at least as new as the version it files it under, and a change committed before the unit
 * started has moved the version (a different generation). A unit that writes configuration itself
 * calls noteConfigurationWrite(): it still reads its own writes, but caches nothing from then on
 * (they might be rolled back).
 */
export class ErpConfig {
  private storing: boolean;

  private constructor(
    private readonly em: EntityManager,
    private readonly generation: Generation,
    storing: boolean,
  ) {
    this.storing = storing;
  }

  /** With the version a statement of the unit of work read (CONFIG_VERSION_SQL). */
  static at(em: EntityManager, version: string | number | null): ErpConfig {
    // No version row (a database the migration has not reached): read everything, cache nothing.
    if (version === null) return new ErpConfig(em, { version: '', entries: new Map() }, false);
    return new ErpConfig(em, generationFor(em, String(version)), true);
  }

  /** Reads the version with a statement of its own, for units of work that have none to share. */
  static async read(em: EntityManager): Promise<ErpConfig> {
    const [row] = await em.execute<{ version: string | null }[]>(`select ${CONFIG_VERSION_SQL} as version`);
    return ErpConfig.at(em, row?.version ?? null);
  }

  noteConfigurationWrite(): void {
    this.storing = false;
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.generation.entries.has(key)) return this.generation.entries.get(key) as T;
    const value = await load();
    if (this.storing) this.generation.entries.set(key, value);
    return value;
  }

  shop(code: string): Promise<Readonly<ShopSettings> | null> {
    return this.cached(`shop:${code}`, async () => {
      const shop = await this.em.findOne(ShopCard, code, { disableIdentityMap: true });
      return shop ? Object.freeze(toShopSettings(shop)) : null;
    });
  }

  erpSetup(): Promise<Readonly<ErpSetupRecord> | null> {
    return this.cached('erp-setup', async () => {
      const setup = await this.em.findOne(ErpSetup, 1, { disableIdentityMap: true });
      return setup
        ? Object.freeze({
            lcyCode: setup.lcyCode,
            salesOrderNos: setup.salesOrderNos,
            salesInvoiceNos: setup.salesInvoiceNos,
            customerNos: setup.customerNos,
          })
        : null;
    });
  }

  /** The shop card's per-country rows (SPEC §4.2), keyed by upper-case ISO country code. */
  countryTemplates(shopCode: string): Promise<Readonly<Record<string, CountryTemplateRecord>>> {
    return this.cached(`country-templates:${shopCode}`, async () => {
      const rows = await this.em.find(ShopCustomerTemplate, { shopCode }, { disableIdentityMap: true });
      return Object.freeze(
        Object.fromEntries(
          rows.map((row) => [
            row.countryCode.toUpperCase(),
            Object.freeze({
              templateCode: row.templateCode ?? null,
              defaultCustomerNo: row.defaultCustomerNo ?? null,
            }),
          ]),
        ),
      );
    });
  }

  customerTemplate(code: string): Promise<Readonly<CustomerTemplateRecord> | null> {
    return this.cached(`customer-template:${code}`, async () => {
      const template = await this.em.findOne(CustomerTemplate, code, { disableIdentityMap: true });
      return template
        ? Object.freeze({
            code: template.code,
            taxAreaCode: template.taxAreaCode ?? null,
            currencyCode: template.currencyCode ?? null,
          })
        : null;
    });
  }

  /** Shipping method name → shipment method code (null: known but not mapped yet); absent: never seen. */
  shipmentMethodMappings(shopCode: string): Promise<ReadonlyMap<string, string | null>> {
    return this.cached(`shipment-method-mappings:${shopCode}`, async () => {
      const rows = await this.em.find(ShipmentMethodMapping, { shopCode }, { disableIdentityMap: true });
      return new Map(rows.map((row) => [row.shopifyMethodName, row.shipmentMethodCode ?? null]));
    });
  }

  /** Shipping method name → the shipping agent and service its mapping names (absent: none). */
  shipmentMethodAgents(
    shopCode: string,
  ): Promise<ReadonlyMap<string, { agentCode: string; serviceCode: string | null }>> {
    return this.cached(`shipment-method-agents:${shopCode}`, async () => {
      const rows = await this.em.find(ShipmentMethodMapping, { shopCode }, { disableIdentityMap: true });
      return new Map(
        rows.flatMap((row) =>
          row.shippingAgentCode
            ? [
                [
                  row.shopifyMethodName,
                  { agentCode: row.shippingAgentCode, serviceCode: row.shippingAgentServiceCode ?? null },
                ] as const,
              ]
            : [],
        ),
      );
    });
  }

  /** Shopify location id → ERP location code (null: known but not mapped). */
  locationCodes(shopCode: string): Promise<Readonly<Record<string, string | null>>> {
    return this.cached(`location-codes:${shopCode}`, async () => {
      const rows = await this.em.find(LocationMapping, { shopCode }, { disableIdentityMap: true });
      return Object.freeze(
        Object.fromEntries(rows.map((row) => [row.shopifyLocationId, row.locationCode ?? null])),
      );
    });
  }

  /** The tax areas of a country, given as stored (upper case). */
  taxAreasOfCountry(countryCode: string): Promise<readonly Readonly<TaxAreaRecord>[]> {
    return this.cached(`tax-areas-of-country:${countryCode}`, async () =>
      Object.freeze(
        (await this.em.find(TaxArea, { countryCode }, { disableIdentityMap: true })).map(taxAreaRecord),
      ),
    );
  }

  taxArea(code: string): Promise<Readonly<TaxAreaRecord> | null> {
    return this.cached(`tax-area:${code}`, async () => {
      const area = await this.em.findOne(TaxArea, code, { disableIdentityMap: true });
      return area ? taxAreaRecord(area) : null;
    });
  }

  /** The accounts that exist among `nos`, keyed by number; those not cached are read in one query. */
  async glAccounts(nos: readonly string[]): Promise<Map<string, Readonly<GlAccountRecord>>> {
    const accounts = new Map<string, Readonly<GlAccountRecord>>();
    const missing: string[] = [];
    for (const no of nos) {
      const key = `gl-account:${no}`;
      if (!this.generation.entries.has(key)) missing.push(no);
      else {
        const record = this.generation.entries.get(key) as Readonly<GlAccountRecord> | null;
        if (record) accounts.set(no, record);
      }
    }
    if (missing.length === 0) return accounts;
    const found = await this.em.find(GlAccount, { no: { $in: missing } }, { disableIdentityMap: true });
    const byNo = new Map(
      found.map((account) => [
        account.no,
        Object.freeze({ no: account.no, name: account.name, taxable: account.taxable }),
      ]),
    );
    for (const no of missing) {
      const record = byNo.get(no) ?? null;
      // Absent accounts are cached too (as null): asking again would find nothing again.
      if (this.storing) this.generation.entries.set(`gl-account:${no}`, record);
      if (record) accounts.set(no, record);
    }
    return accounts;
  }

  currencyExists(code: string): Promise<boolean> {
    return this.cached(
      `currency:${code}`,
      async () => (await this.em.findOne(Currency, code, { disableIdentityMap: true })) !== null,
    );
  }

  exchangeRates(currencyCode: string): Promise<readonly Readonly<ExchangeRateRecord>[]> {
    return this.cached(`exchange-rates:${currencyCode}`, async () =>
      Object.freeze(
        (await this.em.find(CurrencyExchangeRate, { currencyCode }, { disableIdentityMap: true })).map(
          (rate) => Object.freeze({ startingDate: rate.startingDate, rateLcyPerUnit: rate.rateLcyPerUnit }),
        ),
      ),
    );
  }
}

function taxAreaRecord(area: TaxArea): Readonly<TaxAreaRecord> {
  return Object.freeze({
    code: area.code,
    countryCode: area.countryCode,
    county: area.county ?? null,
    taxRatePercent: area.taxRatePercent,
  });
}

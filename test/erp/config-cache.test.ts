import { describe, expect, it } from 'vitest';
import { GlAccount, ImportedOrder, SalesHeader, ShopCard, TaxArea } from '../../erp/entities';
import { createSalesDocument } from '../../erp/services/documents';
import { importOrder } from '../../erp/services/orders';
import { advanceOrderSyncWatermark } from '../../erp/services/settings';
import { setShipmentMethodMapping } from '../../erp/services/shipments';
import { address } from '../unit/domain/order-snapshot-fixture';
import type { OrderSnapshot } from '../../domain/order-snapshot';
import { newOrder, seedTestShop, SHOP, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

async function documentOf(snapshot: OrderSnapshot) {
  const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, snapshot);
  const document = await createSalesDocument(erp.orm, importedOrderId);
  return {
    document,
    header: await erp.orm.em.fork().findOneOrFail(SalesHeader, document.salesHeaderId),
    order: await erp.orm.em.fork().findOneOrFail(ImportedOrder, importedOrderId),
  };
}

async function configVersion(): Promise<string> {
  const [row] = await erp.orm.em
    .fork()
    .execute<{ version: string }[]>('select version from config_version where id = 1');
  return row!.version;
}

describe('configuration cached per process (erp/services/settings/erp-config.ts)', () => {
  it('serves the next order a configuration change at once', async () => {
    const before = await documentOf(newOrder());
    expect(before.header).toMatchObject({ taxAreaCode: 'NO', shipmentMethodCode: 'STD', status: 'open' });
    expect(Number(before.header.taxRatePercent)).toBe(25);

    // Each through a different path: an entity, a service, plain SQL.
    const em = erp.orm.em.fork();
    (await em.findOneOrFail(TaxArea, 'NO')).taxRatePercent = '15';
    (await em.findOneOrFail(ShopCard, SHOP)).autoReleaseOrders = true;
    await em.flush();
    await setShipmentMethodMapping(erp.orm, SHOP, 'Standard', 'EXPRESS');
    try {
      const after = await documentOf(newOrder());
      expect(after.header).toMatchObject({ shipmentMethodCode: 'EXPRESS', status: 'released' });
      expect(Number(after.header.taxRatePercent)).toBe(15);

      await erp.orm.em.fork().execute(`delete from location_mapping where shop_code = ?`, [SHOP]);
      const unmapped = await createSalesDocument(
        erp.orm,
        (await importOrder(erp.orm, SHOP, newOrder())).importedOrderId!,
      ).catch((error: unknown) => error);
      expect(String(unmapped)).toMatch(/location/i);
    } finally {
      const restore = erp.orm.em.fork();
      (await restore.findOneOrFail(TaxArea, 'NO')).taxRatePercent = '25';
      (await restore.findOneOrFail(ShopCard, SHOP)).autoReleaseOrders = false;
      await restore.flush();
      await setShipmentMethodMapping(erp.orm, SHOP, 'Standard', 'STD');
      await seedTestShop(erp.orm);
    }
    const restored = await documentOf(newOrder());
    expect(restored.header).toMatchObject({ shipmentMethodCode: 'STD', status: 'open' });
  });

  it('moves the version with every configuration change, not with the order sync watermark', async () => {
    const start = await configVersion();
    await advanceOrderSyncWatermark(erp.orm, SHOP, new Date());
    expect(await configVersion()).toBe(start);

    const em = erp.orm.em.fork();
    (await em.findOneOrFail(GlAccount, '6100')).name = 'Freight charged';
    await em.flush();
    const renamed = await configVersion();
    expect(renamed).not.toBe(start);

    await erp.orm.em.fork().execute('truncate currency_exchange_rate');
    expect(await configVersion()).not.toBe(renamed);
  });

  it('finds a bill-to match however many customers share the country, ignoring case and spacing', async () => {
    const em = erp.orm.em.fork();
    // More customers in the country (and even at the same post code) than matching ever read at once.
    await em.execute(
      `insert into customer (no, name, address, post_code, city, country_code)
       select 'BULK' || lpad(i::text, 4, '0'), 'Bulk customer ' || i, 'Storgata 1', '0155', 'Oslo', 'NO'
         from generate_series(1, 600) as i`,
    );
    await em.execute(
      `insert into customer (no, name, name2, address, post_code, city, country_code)
       values ('ZZ-BILLTO', 'FJELL  SYKLER AS', 'kari nordmann', 'STORGATA 9', ' 0155', 'oslo', 'NO')`,
    );
    const shop = await em.findOneOrFail(ShopCard, SHOP);
    shop.customerMappingType = 'by_bill_to';
    await em.flush();
    try {
      const { order } = await documentOf(
        newOrder({
          customer: null,
          billingAddress: address({ company: 'Fjell Sykler AS', address1: 'Storgata 9' }),
        }),
      );
      expect(order.sellToCustomerNo).toBe('ZZ-BILLTO');
    } finally {
      shop.customerMappingType = 'by_email_phone';
      await em.flush();
    }
  });
});

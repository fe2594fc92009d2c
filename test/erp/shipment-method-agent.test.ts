import { describe, expect, it } from 'vitest';
import { registerMapCommand } from '../../client/commands/map';
import { registerShopifyMapCommands } from '../../client/commands/map-from-shopify';
import { PostedShipmentHeader, SalesHeader } from '../../erp/entities';
import { createSalesDocument, releaseSalesDocument } from '../../erp/services/documents';
import { importOrder } from '../../erp/services/orders';
import { addShippingAgent, postSalesShipment } from '../../erp/services/shipments';
import { cliRunner } from '../helpers/cli-runner';
import { line } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp(async (orm) => {
  await addShippingAgent(orm, 'dhl', { name: 'DHL Freight', shopifyTrackingCompany: 'DHL Express' });
});

const run = cliRunner({
  env: () => ({ DATABASE_URL: erp.databaseUrl }),
  erp: () => erp.orm,
  register: (program, context) => registerShopifyMapCommands(registerMapCommand(program, context), context),
});

async function documentOfNewOrder() {
  const snapshot = newOrder({
    lines: [line(1, { quantity: 1, currentQuantity: 1, unfulfilledQuantity: 1 })],
  });
  const imported = await importOrder(erp.orm, SHOP, snapshot);
  const document = await createSalesDocument(erp.orm, imported.importedOrderId!);
  return erp.orm.em.fork().findOneOrFail(SalesHeader, document.salesHeaderId);
}

describe('shipment method mapping names the shipping agent and its service', () => {
  it('puts them on the document header, and a shipment posted without an agent takes them', async () => {
    expect(await documentOfNewOrder()).toMatchObject({
      shippingAgentCode: null,
      shippingAgentServiceCode: null,
    });

    const listed = JSON.parse(
      await run('map', 'shipment-methods', SHOP, '--agent', 'Standard=DHL/PARCEL', '--json'),
    ) as { shopifyMethodName: string; shippingAgentCode: string | null }[];
    expect(listed.find((row) => row.shopifyMethodName === 'Standard')).toEqual({
      shopifyMethodName: 'Standard',
      shipmentMethodCode: 'STD',
      shippingAgentCode: 'DHL',
      shippingAgentServiceCode: 'PARCEL',
    });

    const header = await documentOfNewOrder();
    expect(header).toMatchObject({
      shipmentMethodCode: 'STD',
      shippingAgentCode: 'DHL',
      shippingAgentServiceCode: 'PARCEL',
    });
    await releaseSalesDocument(erp.orm, header.no);
    const posted = await postSalesShipment(erp.orm, { document: header.no, packageTrackingNo: '00340434' });
    expect(
      await erp.orm.em.fork().findOneOrFail(PostedShipmentHeader, { no: posted.shipmentNo }),
    ).toMatchObject({ shippingAgentCode: 'DHL', packageTrackingNo: '00340434' });
  });

  it('refuses an agent that does not exist and a method that is not mapped yet', async () => {
    await expect(run('map', 'shipment-methods', SHOP, '--agent', 'Standard=UPS')).rejects.toThrow(
      /Shipping agent UPS does not exist/,
    );
    await expect(run('map', 'shipment-methods', SHOP, '--agent', 'Carrier pigeon=DHL')).rejects.toThrow(
      /has no shipping method 'Carrier pigeon'/,
    );
    const cleared = JSON.parse(
      await run('map', 'shipment-methods', SHOP, '--agent', 'Standard=', '--json'),
    ) as {
      shopifyMethodName: string;
      shippingAgentCode: string | null;
      shippingAgentServiceCode: string | null;
    }[];
    expect(cleared.find((row) => row.shopifyMethodName === 'Standard')).toMatchObject({
      shippingAgentCode: null,
      shippingAgentServiceCode: null,
    });
  });
});

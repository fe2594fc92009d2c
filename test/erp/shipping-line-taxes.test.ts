import { describe, expect, it } from 'vitest';
import type { OrderSnapshot, TaxLine } from '../../domain/order-snapshot';
import { ImportedShippingLine } from '../../erp/entities';
import { importOrder } from '../../erp/services/orders';
import { bag, shippingLine } from '../unit/domain/order-snapshot-fixture';
import { newOrder, SHOP, useSeededTestErp } from './erp-fixture';

const erp = useSeededTestErp();

const taxLine = (title: string, amount: string, channelLiable: boolean | null): TaxLine => ({
  title,
  rate: '0.25',
  ratePercentage: '25',
  channelLiable,
  price: bag(amount),
});

async function storedShippingTaxes(importedOrderId: number) {
  const rows = await erp.orm.em
    .fork()
    .find(ImportedShippingLine, { orderId: importedOrderId }, { orderBy: { position: 'asc' } });
  return rows.map((row) => ({ id: row.shopifyShippingLineId, taxLines: row.taxLines }));
}

describe('shipping-line tax lines', () => {
  it('are stored per shipping line, replaced on re-import, and leave with their line', async () => {
    const original: OrderSnapshot = newOrder({
      shippingLines: [
        shippingLine(1, { taxLines: [taxLine('MVA', '12.25', null)] }),
        shippingLine(2, {
          title: 'Express',
          taxLines: [taxLine('MVA', '5.00', true), taxLine('Eco fee', '1.00', false)],
        }),
      ],
    });
    const { importedOrderId = -1 } = await importOrder(erp.orm, SHOP, original);
    expect(await storedShippingTaxes(importedOrderId)).toEqual([
      { id: 'gid://shopify/ShippingLine/1', taxLines: [taxLine('MVA', '12.25', false)] },
      {
        id: 'gid://shopify/ShippingLine/2',
        taxLines: [taxLine('MVA', '5.00', true), taxLine('Eco fee', '1.00', false)],
      },
    ]);

    // Shopify drops the first shipping line and changes the second one's tax.
    await importOrder(erp.orm, SHOP, {
      ...original,
      updatedAt: '2026-11-21T10:00:00Z',
      shippingLines: [shippingLine(2, { title: 'Express', taxLines: [taxLine('MVA', '6.00', null)] })],
    });
    expect(await storedShippingTaxes(importedOrderId)).toEqual([
      { id: 'gid://shopify/ShippingLine/2', taxLines: [taxLine('MVA', '6.00', false)] },
    ]);
  });
});

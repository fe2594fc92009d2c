import { describe, expect, it } from 'vitest';
import {
  planShipmentPosting,
  ShipmentPostingError,
  type ShipmentPostingInput,
} from '../../../domain/shipment-posting';

const input = (overrides: Partial<ShipmentPostingInput> = {}): ShipmentPostingInput => ({
  documentNo: 'SO000007',
  documentType: 'order',
  status: 'released',
  archived: false,
  lines: [
    {
      lineNo: 10000,
      type: 'comment',
      no: null,
      description: 'Order #1001',
      quantity: '0',
      quantityShipped: '0',
      locationCode: null,
    },
    {
      lineNo: 20000,
      type: 'item',
      no: 'TSHIRT',
      description: 'T-shirt',
      quantity: '3',
      quantityShipped: '1',
      locationCode: 'OSLO',
    },
    {
      lineNo: 30000,
      type: 'item',
      no: 'CAP',
      description: 'Cap',
      quantity: '1',
      quantityShipped: '0',
      locationCode: 'BERGEN',
    },
    {
      lineNo: 40000,
      type: 'gl_account',
      no: '6100',
      description: 'Shipping',
      quantity: '1',
      quantityShipped: '0',
      locationCode: null,
    },
  ],
  ...overrides,
});

function refusal(overrides: Partial<ShipmentPostingInput>): string[] {
  try {
    planShipmentPosting(input(overrides));
  } catch (error) {
    expect(error).toBeInstanceOf(ShipmentPostingError);
    return [...(error as ShipmentPostingError).reasons];
  }
  throw new Error('expected a refusal');
}

describe('planShipmentPosting', () => {
  it('ships what every item line has left, from its own location, when no line is given', () => {
    expect(planShipmentPosting(input())).toEqual([
      { lineNo: 20000, quantity: '2', locationCode: 'OSLO' },
      { lineNo: 30000, quantity: '1', locationCode: 'BERGEN' },
    ]);
  });

  it('ships a part of a line (partial shipment) and every line from one location when asked', () => {
    expect(
      planShipmentPosting(input({ requested: [{ lineNo: 20000, quantity: '1' }], locationCode: 'BERGEN' })),
    ).toEqual([{ lineNo: 20000, quantity: '1', locationCode: 'BERGEN' }]);
  });

  it('refuses over-shipping, naming the line and what is left', () => {
    expect(refusal({ requested: [{ lineNo: 20000, quantity: '3' }] })).toEqual([
      'line 20000 (TSHIRT): 3 to ship but only 2 left (ordered 3, shipped 1); over-shipping is not allowed',
    ]);
  });

  it('refuses an unreleased order and says how to release it', () => {
    expect(refusal({ status: 'open' })).toEqual([
      'sales order SO000007 is not released: release it with `orderbridge erp release SO000007`, then ship',
    ]);
  });

  it('refuses invoices, archived orders and an order with nothing left', () => {
    expect(refusal({ documentType: 'invoice' })[0]).toMatch(/orderbridge erp invoice SO000007/);
    expect(refusal({ archived: true })[0]).toMatch(/archived/);
    expect(
      refusal({
        lines: [
          {
            lineNo: 20000,
            type: 'item',
            no: 'TSHIRT',
            description: 'T-shirt',
            quantity: '1',
            quantityShipped: '1',
            locationCode: null,
          },
        ],
      }),
    ).toEqual(['sales order SO000007 has nothing left to ship']);
  });

  it('reports every bad line at once: unknown, twice, not an item, not a positive number', () => {
    expect(
      refusal({
        requested: [
          { lineNo: 99999, quantity: '1' },
          { lineNo: 30000, quantity: '1' },
          { lineNo: 30000, quantity: '1' },
          { lineNo: 40000, quantity: '1' },
          { lineNo: 20000, quantity: '-1' },
        ],
      }),
    ).toEqual([
      'line 99999 does not exist on sales order SO000007',
      'line 30000 (CAP) is given twice',
      'line 40000 (6100) is not an item line: only item lines are shipped',
      "line 20000 (TSHIRT): the quantity to ship must be a number greater than 0, got '-1'",
    ]);
  });
});

import { Decimal, isDecimalString } from './money';

/**
 * What posting a shipment from a sales order ships: the quantity per line (all that is left, or
 * what the operator asks for), from which location, and every reason it cannot be posted.
 * Pure: workflows may import this file.
 */

export interface OrderLineToShip {
  lineNo: number;
  type: 'item' | 'gl_account' | 'comment';
  no: string | null;
  description: string;
  /** Decimal strings. */
  quantity: string;
  quantityShipped: string;
  locationCode: string | null;
}

export interface ShipmentPostingInput {
  documentNo: string;
  documentType: 'order' | 'invoice' | 'credit_memo';
  status: 'open' | 'released';
  archived: boolean;
  lines: readonly OrderLineToShip[];
  /** Lines and quantities to ship; absent = every item line's outstanding quantity. */
  requested?: readonly { lineNo: number; quantity: string }[];
  /** Ships every line from this location instead of the line's own. */
  locationCode?: string | null;
}

export interface LineToPost {
  lineNo: number;
  quantity: string;
  locationCode: string | null;
}

export class ShipmentPostingError extends Error {
  constructor(
    readonly documentNo: string,
    readonly reasons: readonly string[],
  ) {
    super(`Cannot post a shipment for ${documentNo}: ${reasons.join('; ')}`);
    this.name = 'ShipmentPostingError';
  }
}

function lineLabel(line: OrderLineToShip): string {
  return `line ${line.lineNo} (${line.no ?? line.description})`;
}

/**
 * The lines a shipment posts. Refuses (ShipmentPostingError, every reason at once) a document
 * that is not a released sales order, unknown or non-item lines, quantities that are not
 * positive decimals, and over-shipping: more than a line still has to ship.
 */
export function planShipmentPosting(input: ShipmentPostingInput): LineToPost[] {
  const fail = (...reasons: string[]): never => {
    throw new ShipmentPostingError(input.documentNo, reasons);
  };
  if (input.documentType !== 'order')
    fail(
      `sales ${input.documentType.replace('_', ' ')} ${input.documentNo} is not shipped; a sales invoice is posted with \`orderbridge erp invoice ${input.documentNo}\``,
    );
  if (input.archived) fail(`sales order ${input.documentNo} is archived: nothing more can be shipped`);
  if (input.status !== 'released')
    fail(
      `sales order ${input.documentNo} is not released: release it with \`orderbridge erp release ${input.documentNo}\`, then ship`,
    );

  const location = (line: OrderLineToShip) =>
    input.locationCode !== undefined ? input.locationCode : line.locationCode;
  const outstanding = (line: OrderLineToShip) => new Decimal(line.quantity).minus(line.quantityShipped);

  if (!input.requested) {
    const lines = input.lines
      .filter((line) => line.type === 'item' && outstanding(line).gt(0))
      .map((line) => ({
        lineNo: line.lineNo,
        quantity: outstanding(line).toFixed(),
        locationCode: location(line),
      }));
    if (lines.length === 0) fail(`sales order ${input.documentNo} has nothing left to ship`);
    return lines;
  }

  const reasons: string[] = [];
  const byLineNo = new Map(input.lines.map((line) => [line.lineNo, line]));
  const seen = new Set<number>();
  const lines: LineToPost[] = [];
  for (const wanted of input.requested) {
    const line = byLineNo.get(wanted.lineNo);
    if (!line) {
      reasons.push(`line ${wanted.lineNo} does not exist on sales order ${input.documentNo}`);
      continue;
    }
    if (seen.has(wanted.lineNo)) {
      reasons.push(`${lineLabel(line)} is given twice`);
      continue;
    }
    seen.add(wanted.lineNo);
    if (line.type !== 'item') {
      reasons.push(`${lineLabel(line)} is not an item line: only item lines are shipped`);
      continue;
    }
    if (!isDecimalString(wanted.quantity) || new Decimal(wanted.quantity).lte(0)) {
      reasons.push(
        `${lineLabel(line)}: the quantity to ship must be a number greater than 0, got '${wanted.quantity}'`,
      );
      continue;
    }
    const quantity = new Decimal(wanted.quantity);
    const left = outstanding(line);
    if (quantity.gt(left)) {
      reasons.push(
        `${lineLabel(line)}: ${quantity.toFixed()} to ship but only ${left.toFixed()} left (ordered ${new Decimal(line.quantity).toFixed()}, shipped ${new Decimal(line.quantityShipped).toFixed()}); over-shipping is not allowed`,
      );
      continue;
    }
    lines.push({ lineNo: line.lineNo, quantity: quantity.toFixed(), locationCode: location(line) });
  }
  if (reasons.length > 0) fail(...reasons);
  if (lines.length === 0) fail('no line to ship was given');
  return lines;
}

/**
 * The one tax decision a sales document carries: its tax area and the rate every tax amount on it
 * is computed at. Header, lines and totals all read this value, so they can never disagree.
 */
export interface DocumentTaxDecision {
  taxAreaCode: string | null;
  /** Decimal string; "0" for a tax-exempt order or when no tax area applies. */
  taxRatePercent: string;
}

/** The decision for a new document: the tax area found by mapping, at 0 when the order is tax exempt. */
export function decideDocumentTax(
  taxArea: { code: string; taxRatePercent: string } | null,
  taxExempt: boolean,
): DocumentTaxDecision {
  return {
    taxAreaCode: taxArea?.code ?? null,
    taxRatePercent: taxExempt || !taxArea ? '0' : taxArea.taxRatePercent,
  };
}

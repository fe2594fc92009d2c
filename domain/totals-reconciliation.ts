/** Document totals compared with Shopify's, per component, in the document's currency bag. */
export interface TotalsComponent {
  component: 'items' | 'shipping' | 'tips' | 'gift_cards' | 'tax' | 'total';
  document: string;
  shopify: string;
  difference: string;
}

export interface TotalsReconciliation {
  currencyCode: string;
  documentTotal: string;
  shopifyTotal: string;
  /** documentTotal − shopifyTotal. */
  difference: string;
  components: TotalsComponent[];
  /** Human text naming each component that differs; empty when everything matches. */
  explanation: string;
}

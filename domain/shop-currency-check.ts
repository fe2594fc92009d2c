/**
 * A shop card's currency must be the store's: the card's ERP currency (none = the ERP's local
 * currency) against Shopify's shop currency. Returns why they differ, with the fix, or null. Pure.
 */
export function shopCurrencyMismatch(input: {
  shopCode: string;
  cardCurrencyCode: string | null;
  lcyCode: string;
  shopifyCurrencyCode: string;
  /** The command the fix adds `--currency X` to; by default `orderbridge shop set <code>`. */
  fixCommand?: string;
}): string | null {
  const cardCurrency = (input.cardCurrencyCode ?? input.lcyCode).toUpperCase();
  const shopify = input.shopifyCurrencyCode.toUpperCase();
  if (cardCurrency === shopify) return null;
  const said = input.cardCurrencyCode
    ? `currency ${cardCurrency}`
    : `no currency, so the ERP's local currency ${cardCurrency}`;
  const fix = shopify === input.lcyCode.toUpperCase() ? 'none' : shopify;
  return (
    `Shop card ${input.shopCode} has ${said}, but the Shopify store sells in ${shopify}: ` +
    `set it with \`${input.fixCommand ?? `orderbridge shop set ${input.shopCode}`} --currency ${fix}\``
  );
}

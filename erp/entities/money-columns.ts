import { p } from '@mikro-orm/core';

/** numeric(20,4): money as a decimal string end to end (never a JS number). */
export function moneyColumn() {
  return p.decimal().precision(20).scale(4);
}

/** numeric(20,4) for quantities, which may be fractional in the ERP (Shopify's are whole). */
export function quantityColumn() {
  return p.decimal().precision(20).scale(4);
}

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Currency } from './currency';

/** Valid from `startingDate` until the next row of the same currency. */
export const CurrencyExchangeRate = defineEntity({
  name: 'CurrencyExchangeRate',
  tableName: 'currency_exchange_rate',
  properties: {
    id: p.integer().primary().autoincrement(),
    currencyCode: p.manyToOne(Currency).mapToPk().joinColumn('currency_code').deleteRule('cascade'),
    /** YYYY-MM-DD. */
    startingDate: p.date(),
    /** Local currency (LCY) per one unit of the currency. */
    rateLcyPerUnit: p.decimal().precision(20).scale(10),
    createdAt: p.datetime().defaultRaw('current_timestamp'),
  },
  uniques: [{ properties: ['currencyCode', 'startingDate'] }],
});

export type CurrencyExchangeRate = InferEntity<typeof CurrencyExchangeRate>;

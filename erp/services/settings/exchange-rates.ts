import { CurrencyExchangeRate } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';

export async function listExchangeRates(context: ErpContext, currencyCode?: string) {
  return inTransaction(context, async (em) =>
    (
      await em.find(CurrencyExchangeRate, currencyCode ? { currencyCode: currencyCode.toUpperCase() } : {}, {
        orderBy: { currencyCode: 'asc', startingDate: 'desc' },
      })
    ).map((rate) => ({
      currencyCode: rate.currencyCode,
      startingDate: rate.startingDate,
      rateLcyPerUnit: rate.rateLcyPerUnit,
    })),
  );
}

import { isDecimalString, toDecimal } from '../../../domain/money';
import { Currency, CurrencyExchangeRate } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';

export class InvalidExchangeRateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExchangeRateError';
  }
}

/**
 * Operator fix (SPEC §1): sets the exchange rate of a currency from a date on (creating the currency
 * when it is new). Orders waiting for EXCHANGE_RATE_MISSING map on their next attempt.
 */
export async function setExchangeRate(
  context: ErpContext,
  input: { currencyCode: string; startingDate: string; rateLcyPerUnit: string; description?: string },
): Promise<{ currencyCode: string; startingDate: string; rateLcyPerUnit: string; currencyCreated: boolean }> {
  const currencyCode = input.currencyCode.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currencyCode)) {
    throw new InvalidExchangeRateError(
      `Currency '${input.currencyCode}': expected an ISO 4217 code like EUR`,
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startingDate) || Number.isNaN(Date.parse(input.startingDate))) {
    throw new InvalidExchangeRateError(`Starting date '${input.startingDate}': expected YYYY-MM-DD`);
  }
  if (!isDecimalString(input.rateLcyPerUnit) || !toDecimal(input.rateLcyPerUnit).greaterThan(0)) {
    throw new InvalidExchangeRateError(
      `Rate '${input.rateLcyPerUnit}': expected a positive decimal (local currency per 1 ${currencyCode}), e.g. 11.52`,
    );
  }
  return inTransaction(context, async (em) => {
    const existing = await em.findOne(Currency, currencyCode);
    if (!existing)
      em.create(Currency, { code: currencyCode, description: input.description ?? currencyCode });
    await em.flush();
    await em.upsert(
      CurrencyExchangeRate,
      { currencyCode, startingDate: input.startingDate, rateLcyPerUnit: input.rateLcyPerUnit.trim() },
      {
        onConflictFields: ['currencyCode', 'startingDate'],
        onConflictAction: 'merge',
        onConflictMergeFields: ['rateLcyPerUnit'],
      },
    );
    return {
      currencyCode,
      startingDate: input.startingDate,
      rateLcyPerUnit: input.rateLcyPerUnit.trim(),
      currencyCreated: !existing,
    };
  });
}

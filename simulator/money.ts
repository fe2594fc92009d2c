import Decimal from 'decimal.js';

/** MoneyV2 as the schema shapes it: amount is a decimal string, never a float. */
export interface Money {
  amount: string;
  currencyCode: string;
}

/** MoneyBag as the schema shapes it: the shop's currency and the customer's (presentment) currency. */
export interface MoneyBag {
  shopMoney: Money;
  presentmentMoney: Money;
}

export type DecimalLike = Decimal | string | number;

/** Shopify prints decimals without trailing zeros but with at least one fraction digit: "10.0", "24.99". */
export function formatAmount(value: DecimalLike): string {
  const text = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed();
  return text.includes('.') ? text : `${text}.0`;
}

export function money(amount: DecimalLike, currencyCode: string): Money {
  return { amount: formatAmount(amount), currencyCode };
}

export function moneyBag(
  shopAmount: DecimalLike,
  presentmentAmount: DecimalLike,
  currencies: { shop: string; presentment: string },
): MoneyBag {
  return {
    shopMoney: money(shopAmount, currencies.shop),
    presentmentMoney: money(presentmentAmount, currencies.presentment),
  };
}

/** A pair of amounts (shop, presentment) used while computing; turned into a MoneyBag at the end. */
export class Amounts {
  constructor(
    readonly shop: Decimal = new Decimal(0),
    readonly presentment: Decimal = new Decimal(0),
  ) {}
  static zero(): Amounts {
    return new Amounts();
  }
  static of(shop: DecimalLike, presentment: DecimalLike = shop): Amounts {
    return new Amounts(new Decimal(shop), new Decimal(presentment));
  }
  static fromBag(bag: MoneyBag | undefined | null): Amounts {
    if (!bag) return Amounts.zero();
    return Amounts.of(bag.shopMoney.amount, bag.presentmentMoney.amount);
  }
  static sum(items: Iterable<Amounts>): Amounts {
    let total = Amounts.zero();
    for (const item of items) total = total.plus(item);
    return total;
  }
  plus(other: Amounts): Amounts {
    return new Amounts(this.shop.plus(other.shop), this.presentment.plus(other.presentment));
  }
  minus(other: Amounts): Amounts {
    return new Amounts(this.shop.minus(other.shop), this.presentment.minus(other.presentment));
  }
  times(factor: DecimalLike): Amounts {
    return new Amounts(this.shop.times(factor), this.presentment.times(factor));
  }
  dividedBy(divisor: DecimalLike): Amounts {
    return new Amounts(this.shop.dividedBy(divisor), this.presentment.dividedBy(divisor));
  }
  round(): Amounts {
    return new Amounts(this.shop.toDecimalPlaces(2), this.presentment.toDecimalPlaces(2));
  }
  max0(): Amounts {
    return new Amounts(Decimal.max(this.shop, 0), Decimal.max(this.presentment, 0));
  }
  isZero(): boolean {
    return this.shop.isZero() && this.presentment.isZero();
  }
  bag(currencies: { shop: string; presentment: string }): MoneyBag {
    return moneyBag(this.shop, this.presentment, currencies);
  }
}

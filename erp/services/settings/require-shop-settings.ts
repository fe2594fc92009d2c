import { OrderProblems, OrderProblemsError } from '../../../domain/order-problems';
import type { ShopSettings } from '../../../domain/shop-settings';
import type { ErpConfig } from './erp-config';

/** The shop card's settings through the unit of work's configuration (cached while unchanged). */
export async function requireShopSettings(
  config: ErpConfig,
  shopCode: string,
  orderName: string,
): Promise<Readonly<ShopSettings>> {
  const shop = await config.shop(shopCode);
  if (!shop) throw new OrderProblemsError([OrderProblems.shopNotFound(orderName, shopCode)]);
  return shop;
}

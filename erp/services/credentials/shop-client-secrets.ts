import { openSecret } from '../../../platform/secret-box';
import { ShopCard } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';
import { SHOP_SECRET_PURPOSES } from './shop-secret-purposes';

/**
 * The app client secrets of every shop card on a store, opened: what a webhook receiver checks
 * X-Shopify-Hmac-Sha256 against (several cards may share a store, each with its own app).
 * Never log the result.
 */
export async function clientSecretsForShopDomain(context: ErpContext, shopDomain: string): Promise<string[]> {
  const shops = await entityManagerOf(context).find(
    ShopCard,
    { shopDomain, clientSecretSealed: { $ne: null } },
    { orderBy: { code: 'asc' } },
  );
  return shops.map((shop) => openSecret(shop.clientSecretSealed!, SHOP_SECRET_PURPOSES.clientSecret));
}

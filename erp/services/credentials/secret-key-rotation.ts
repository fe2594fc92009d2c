import {
  openSecret,
  processSecretKeyring,
  sealedKeyId,
  sealSecret,
  SecretKeyMissingError,
} from '../../../platform/secret-box';
import { ShopCard } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { SHOP_SECRET_PURPOSES } from './shop-secret-purposes';

export interface KeyRotationReport {
  keyId: string;
  resealed: number;
  alreadyCurrent: number;
}

const SEALED_COLUMNS = [
  ['clientSecretSealed', SHOP_SECRET_PURPOSES.clientSecret],
  ['accessTokenSealed', SHOP_SECRET_PURPOSES.accessToken],
  ['refreshTokenSealed', SHOP_SECRET_PURPOSES.refreshToken],
] as const;

/**
 * Re-seals every stored secret under the current key (ORDERBRIDGE_SECRET_KEY), opening each with
 * whichever configured key sealed it. One transaction: a value that no configured key opens
 * stops the rotation with nothing changed.
 */
export async function rotateSecretKey(context: ErpContext): Promise<KeyRotationReport> {
  const keyring = processSecretKeyring();
  const current = keyring.current;
  if (!current) throw new SecretKeyMissingError('re-encrypted secrets');
  return inTransaction(context, async (em) => {
    let resealed = 0;
    let alreadyCurrent = 0;
    const shops = await em.find(ShopCard, {}, { orderBy: { code: 'asc' }, lockMode: undefined });
    for (const shop of shops) {
      for (const [column, purpose] of SEALED_COLUMNS) {
        const stored = shop[column];
        if (!stored) continue;
        if (sealedKeyId(stored) === current.id) {
          alreadyCurrent += 1;
          continue;
        }
        shop[column] = sealSecret(openSecret(stored, purpose, keyring), purpose, keyring);
        resealed += 1;
      }
    }
    await em.flush();
    return { keyId: current.id, resealed, alreadyCurrent };
  });
}

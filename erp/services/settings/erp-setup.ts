import type { EntityManager } from '@mikro-orm/postgresql';
import { ErpSetup } from '../../entities';
import { entityManagerOf, type ErpContext } from '../shared/context';
import type { ErpConfig, ErpSetupRecord } from './erp-config';

export class ErpNotSetUpError extends Error {
  constructor() {
    super(
      'The ERP store has no company set-up (local currency, number series): seed it with seedErpBasics() ' +
        '(erp/demo-setup.ts; the demo does it), or insert the erp_setup row and its number series.',
    );
    this.name = 'ErpNotSetUpError';
  }
}

export async function getErpSetup(em: EntityManager): Promise<ErpSetup> {
  const setup = await em.findOne(ErpSetup, 1);
  if (!setup) throw new ErpNotSetUpError();
  return setup;
}

/** The company set-up through the unit of work's configuration (cached while unchanged). */
export async function requireErpSetup(config: ErpConfig): Promise<Readonly<ErpSetupRecord>> {
  const setup = await config.erpSetup();
  if (!setup) throw new ErpNotSetUpError();
  return setup;
}

/** The ERP's local currency code (LCY). */
export async function localCurrencyCode(context: ErpContext): Promise<string> {
  return (await getErpSetup(entityManagerOf(context))).lcyCode;
}

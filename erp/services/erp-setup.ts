import type { EntityManager } from '@mikro-orm/postgresql';
import { ErpSetup } from '../entities';

export class ErpNotSetUpError extends Error {
  constructor() {
    super(
      'The ERP store has no company set-up (local currency, number series): run `orderbridge demo-setup` ' +
        'or call seedErpBasics() from erp/demo-setup.ts once.',
    );
    this.name = 'ErpNotSetUpError';
  }
}

export async function getErpSetup(em: EntityManager): Promise<ErpSetup> {
  const setup = await em.findOne(ErpSetup, 1);
  if (!setup) throw new ErpNotSetUpError();
  return setup;
}

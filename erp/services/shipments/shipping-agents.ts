import { ShippingAgent } from '../../entities';
import { inTransaction, type ErpContext } from '../shared/context';
import { ErpDocumentError } from '../documents/sales-document-lookup';

export interface ShippingAgentView {
  code: string;
  name: string | null;
  shopifyTrackingCompany: string | null;
  packageTrackingUrl: string | null;
}

export interface ShippingAgentChanges {
  name?: string | null;
  shopifyTrackingCompany?: string | null;
  packageTrackingUrl?: string | null;
}

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,9}$/;

function view(agent: ShippingAgent): ShippingAgentView {
  return {
    code: agent.code,
    name: agent.name ?? null,
    shopifyTrackingCompany: agent.shopifyTrackingCompany ?? null,
    packageTrackingUrl: agent.packageTrackingUrl ?? null,
  };
}

/** Empty strings clear a field; the URL must be http(s) or a host (https:// is added when sent). */
function cleaned(changes: ShippingAgentChanges): ShippingAgentChanges {
  const result: ShippingAgentChanges = {};
  for (const key of ['name', 'shopifyTrackingCompany', 'packageTrackingUrl'] as const) {
    const value = changes[key];
    if (value === undefined) continue;
    result[key] = value === null || value.trim() === '' ? null : value.trim();
  }
  if (result.name && result.name.length > 50)
    throw new ErpDocumentError('Shipping agent name: at most 50 characters');
  if (result.shopifyTrackingCompany && result.shopifyTrackingCompany.length > 100)
    throw new ErpDocumentError('Shopify tracking company: at most 100 characters');
  const url = result.packageTrackingUrl;
  if (url && (/\s/.test(url) || /^(?!https?:\/\/)[a-z][a-z0-9+.-]*:/i.test(url)))
    throw new ErpDocumentError(
      `Package tracking URL '${url}' is not a web address: use e.g. https://carrier.example/track?id=%1 (%1 = the tracking number)`,
    );
  return result;
}

export async function addShippingAgent(
  context: ErpContext,
  code: string,
  changes: ShippingAgentChanges,
): Promise<ShippingAgentView> {
  const agentCode = code.trim().toUpperCase();
  if (!CODE.test(agentCode))
    throw new ErpDocumentError(`Shipping agent code '${code}': 1 to 10 letters, digits, '-' or '_'`);
  return inTransaction(context, async (em) => {
    if (await em.findOne(ShippingAgent, agentCode))
      throw new ErpDocumentError(
        `Shipping agent ${agentCode} exists already: change it with \`orderbridge shipping-agent set ${agentCode}\``,
      );
    const agent = em.create(ShippingAgent, {
      code: agentCode,
      name: null,
      shopifyTrackingCompany: null,
      packageTrackingUrl: null,
      ...cleaned(changes),
    });
    await em.flush();
    return view(agent);
  });
}

export async function setShippingAgent(
  context: ErpContext,
  code: string,
  changes: ShippingAgentChanges,
): Promise<ShippingAgentView> {
  const agentCode = code.trim().toUpperCase();
  return inTransaction(context, async (em) => {
    const agent = await em.findOne(ShippingAgent, agentCode);
    if (!agent)
      throw new ErpDocumentError(
        `Shipping agent ${agentCode} does not exist: add it with \`orderbridge shipping-agent add ${agentCode}\``,
      );
    em.assign(agent, cleaned(changes));
    await em.flush();
    return view(agent);
  });
}

export async function listShippingAgents(context: ErpContext): Promise<ShippingAgentView[]> {
  return inTransaction(context, async (em) =>
    (await em.find(ShippingAgent, {}, { orderBy: { code: 'asc' } })).map(view),
  );
}

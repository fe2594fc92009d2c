/**
 * What Shopify is told about a shipment's carrier and parcel (SPEC §5). Pure: workflows may
 * import this file.
 */

/** A shipping agent as the ERP keeps it. */
export interface ShippingAgentFacts {
  code: string;
  name: string | null;
  /** The carrier name Shopify knows (e.g. "DHL Express", "UPS"), when the agent has one. */
  shopifyTrackingCompany: string | null;
  /** Package tracking URL with `%1` where the tracking number goes. */
  packageTrackingUrl: string | null;
}

/** Shopify's FulfillmentTrackingInput, reduced to what a shipment can fill. */
export interface FulfillmentTracking {
  company?: string;
  number?: string;
  url?: string;
}

/** Where the tracking number goes in an agent's package tracking URL. */
export const TRACKING_NUMBER_PLACEHOLDER = '%1';

const blank = (value: string | null | undefined): boolean =>
  value === null || value === undefined || value.trim() === '';

/**
 * The tracking company Shopify is sent: the agent's Shopify tracking company, else its name,
 * else its code (SPEC §5). Shopify recognises its own carrier names and then links the parcel
 * itself, which is why the Shopify name comes first.
 */
export function trackingCompanyOf(agent: ShippingAgentFacts): string {
  if (!blank(agent.shopifyTrackingCompany)) return agent.shopifyTrackingCompany!.trim();
  if (!blank(agent.name)) return agent.name!.trim();
  return agent.code;
}

/**
 * The agent's package tracking URL with the number filled in (URL-encoded, so a number with a
 * space or a slash cannot break the address). A template without the placeholder is used as it
 * is; one without a scheme gets https://. Null when there is no template or no number.
 */
export function trackingUrlOf(template: string | null, trackingNumber: string | null): string | null {
  if (blank(template) || blank(trackingNumber)) return null;
  const filled = template!
    .trim()
    .split(TRACKING_NUMBER_PLACEHOLDER)
    .join(encodeURIComponent(trackingNumber!.trim()));
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(filled) ? filled : `https://${filled}`;
}

/**
 * The tracking a fulfillment carries: the company when the shipment has a shipping agent, the
 * number when it has a package tracking no., and the URL when it has both and the agent has a
 * template (Shopify accepts a URL only beside a number). Null when there is nothing to send.
 */
export function shipmentTracking(
  agent: ShippingAgentFacts | null,
  packageTrackingNo: string | null,
): FulfillmentTracking | null {
  const tracking: FulfillmentTracking = {};
  if (agent) tracking.company = trackingCompanyOf(agent);
  if (!blank(packageTrackingNo)) {
    tracking.number = packageTrackingNo!.trim();
    const url = agent ? trackingUrlOf(agent.packageTrackingUrl, tracking.number) : null;
    if (url) tracking.url = url;
  }
  return Object.keys(tracking).length > 0 ? tracking : null;
}

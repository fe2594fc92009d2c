import { proxyActivities } from '@temporalio/workflow';
import type { OrderbridgeActivities } from './contracts';
import type { PrivacyRequestInput, PrivacyRequestReport } from './contracts/shop-webhooks';

// Shopify expects privacy requests done within 30 days: retries may take their time, never give up.
const activities = proxyActivities<OrderbridgeActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * One of Shopify's mandatory privacy topics (customers/data_request, customers/redact,
 * shop/redact) as a workflow: visible in the Temporal UI, retried, and recorded in
 * privacy_request. Its history holds ids and counts only.
 */
export async function privacyRequestWorkflow(input: PrivacyRequestInput): Promise<PrivacyRequestReport> {
  return activities.handlePrivacyRequest(input);
}

import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { AppUninstalledInput, PrivacyRequestInput } from '../workflows/contracts/shop-webhooks';

/** One workflow per webhook event: its id names the store and Shopify's event id. */
export const appUninstalledWorkflowId = (shopDomain: string, eventId: string) =>
  `app-uninstalled:${shopDomain}:${eventId}`;
export const privacyRequestWorkflowId = (shopDomain: string, eventId: string) =>
  `privacy:${shopDomain}:${eventId}`;

/** Starts it, or accepts that the same event's workflow is already running. */
async function startOnce(start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

export function startAppUninstalled(
  client: Client,
  taskQueue: string,
  eventId: string,
  input: AppUninstalledInput,
): Promise<void> {
  return startOnce(() =>
    client.workflow.start('appUninstalledWorkflow', {
      workflowId: appUninstalledWorkflowId(input.shopDomain, eventId),
      taskQueue,
      args: [input],
    }),
  );
}

export function startPrivacyRequest(
  client: Client,
  taskQueue: string,
  input: PrivacyRequestInput,
): Promise<void> {
  return startOnce(() =>
    client.workflow.start('privacyRequestWorkflow', {
      workflowId: privacyRequestWorkflowId(input.shopDomain, input.eventId),
      taskQueue,
      args: [input],
    }),
  );
}

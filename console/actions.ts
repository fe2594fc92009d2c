import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Flash } from './layout';

/**
 * Runs an operator action and shows its outcome on the page it came from (post, redirect, get):
 * the answer of the update or service, or why it was refused, in the CLI's words.
 */
export async function runAction(
  request: FastifyRequest,
  reply: FastifyReply,
  back: string,
  action: () => Promise<string | Flash>,
): Promise<FastifyReply> {
  let flash: Flash;
  try {
    const outcome = await action();
    flash = typeof outcome === 'string' ? { kind: 'ok', text: outcome } : outcome;
  } catch (error) {
    flash = { kind: 'error', text: describeFailure(error) };
    request.log.warn({ err: { name: (error as Error).name } }, 'console action failed');
  }
  request.session.flash = flash;
  return reply.redirect(back, 303);
}

export function describeFailure(error: unknown): string {
  if (error instanceof WorkflowUpdateFailedError) return `Refused: ${error.cause?.message ?? error.message}`;
  if (error instanceof WorkflowNotFoundError)
    return 'The order has no running workflow: it is closed already, or not imported yet.';
  return (error as Error).message ?? String(error);
}

/** A form field as a trimmed string ('' when missing). */
export function field(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A form field that may repeat (checkboxes): always an array. */
export function fields(request: FastifyRequest, name: string): string[] {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** Where to go back to: a path of this console given by the form, or a default. */
export function backTo(request: FastifyRequest, fallback: string): string {
  const back = field(request, 'back');
  return back.startsWith('/') && !back.startsWith('//') ? back : fallback;
}

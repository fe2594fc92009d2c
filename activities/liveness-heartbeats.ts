import { Context } from '@temporalio/activity';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
  Next,
} from '@temporalio/worker';

/** Activities that heartbeat their own progress (a cursor to resume from): left to themselves. */
const SELF_HEARTBEATING = new Set([
  'discoverAndDispatchOrders',
  'dispatchUnsyncedShipments',
  'awaitShipmentOutcomes',
]);

/**
 * Beats the heart of every activity started with a heartbeat timeout, so a worker killed mid-step
 * is noticed within that timeout instead of the attempt's whole start-to-close timeout.
 */
class LivenessHeartbeatInbound implements ActivityInboundCallsInterceptor {
  async execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    const context = Context.current();
    const timeoutMs = context.info.heartbeatTimeoutMs;
    if (!timeoutMs || SELF_HEARTBEATING.has(context.info.activityType)) return next(input);
    context.heartbeat();
    const beating = setInterval(() => context.heartbeat(), Math.max(500, Math.floor(timeoutMs / 3)));
    try {
      return await next(input);
    } finally {
      clearInterval(beating);
    }
  }
}

export const livenessHeartbeatInterceptor: ActivityInterceptorsFactory = () => ({
  inbound: new LivenessHeartbeatInbound(),
});

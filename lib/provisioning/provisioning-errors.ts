import 'server-only';
import { isRetryableGraphError, retryAfterMs } from '@/lib/azure/graph/graph-errors';
import { UnsafeGrantGroupError } from './check-grant-group';
import { ClientPrincipalRefusal } from '@/lib/directory/client-principals';
import { SubscriptionRefusedError } from './provisioning-apim';

/** Whether another attempt can succeed: Graph's transient failures, but never a group that grants more than the role. */
export function isRetryableProvisioningError(error: unknown): boolean {
  // A group that grants more than the role stays unsafe until someone changes it in Entra.
  if (error instanceof UnsafeGrantGroupError) return false;
  // A requester who no longer owns the workload (or a workload deleted meanwhile) stays so until someone changes Entra.
  if (error instanceof ClientPrincipalRefusal) return false;
  // APIM's refusal (blocked user, limit reached, unpublished product) stands until someone changes APIM.
  if (error instanceof SubscriptionRefusedError) return false;
  return isRetryableGraphError(error);
}

/** Exponential backoff with jitter, never sooner than Retry-After. */
export function nextDelayMs(attempts: number, error: unknown, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential * (0.5 + Math.random() / 2);
  return Math.round(Math.max(jittered, retryAfterMs(error)));
}

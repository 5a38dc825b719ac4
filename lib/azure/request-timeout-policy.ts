import 'server-only';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { RequestTimeoutError } from './request-timeout-error';

/**
 * A per-attempt limit for the Azure SDK pipelines (ARM, and Entra token requests): the SDKs wait forever by default,
 * and one hung call would hold a sync or a provisioning job until its lock ran out. Added "perRetry", so every retry
 * gets its own limit; an abort is not a system error, so the SDK's retry policy does not repeat it.
 */
export function requestTimeoutPolicy(service: string, timeoutMs: number): PipelinePolicy {
  return {
    name: 'roleportRequestTimeout',
    async sendRequest(request, next) {
      const timer = AbortSignal.timeout(timeoutMs);
      const own = request.abortSignal as AbortSignal | undefined;
      request.abortSignal = own ? AbortSignal.any([own, timer]) : timer;
      try {
        return await next(request);
      } catch (error) {
        // The caller's own cancellation is not ours to rename.
        if (!timer.aborted || own?.aborted) throw error;
        throw new RequestTimeoutError(service, request.method, request.url, timeoutMs);
      } finally {
        request.abortSignal = own;
      }
    },
  };
}

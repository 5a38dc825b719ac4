import 'server-only';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { RequestTimeoutError } from '@/lib/azure/request-timeout-error';

/**
 * Aborts one Graph request that has not answered in time. It sits after the RetryHandler, so each attempt gets its own
 * limit; the client does not retry a rejected fetch, so a hung call fails once instead of holding its caller.
 */
export class RequestTimeoutHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('RequestTimeoutHandler needs a next middleware.');
    const timer = AbortSignal.timeout(this.timeoutMs);
    const own = context.options?.signal ?? undefined;
    context.options = { ...context.options, signal: own ? AbortSignal.any([own, timer]) : timer };
    try {
      await this.next.execute(context);
    } catch (error) {
      if (!timer.aborted || own?.aborted) throw error;
      const url = typeof context.request === 'string' ? context.request : context.request.url;
      throw new RequestTimeoutError('Microsoft Graph', context.options.method ?? 'GET', url, this.timeoutMs);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

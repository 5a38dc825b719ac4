import 'server-only';
import { recordThrottleWait } from '@/lib/observability/portal-metrics';

export interface AzureCallStats {
  calls: number;
  throttled: number;
}

interface ErrorWithResponse {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get?(name: string): string | undefined | null } };
  headers?: { get?(name: string): string | undefined | null };
}

const MAX_ATTEMPTS = 8;

/** Seconds from a 429's Retry-After (the SDKs surface it on RestError.response or GraphError.headers). */
function retryAfterMs(error: ErrorWithResponse): number {
  const raw = error.response?.headers?.get?.('retry-after') ?? error.headers?.get?.('retry-after');
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

// The SDK pipelines already retry 5xx with backoff; what reaches here is throttling they gave up on, or a lasting fault.
const isRetryable = (error: ErrorWithResponse) => error.statusCode === 429;

/**
 * Bounds concurrent calls to one Azure service and, when it throttles, holds every caller until Retry-After
 * has passed (the SDK pipelines retry a few times on their own; this keeps a long sync going past that).
 */
export class AzureCallGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private resumeAt = 0;
  readonly stats: AzureCallStats = { calls: 0, throttled: 0 };

  constructor(private readonly concurrency: number) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.acquire();
      try {
        await this.waitForResume();
        this.stats.calls++;
        return await call();
      } catch (error) {
        const e = error as ErrorWithResponse;
        if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw error;
        // Throttling is per caller identity: everyone waits, not just this call.
        this.stats.throttled++;
        this.resumeAt = Math.max(this.resumeAt, Date.now() + retryAfterMs(e));
      } finally {
        this.release();
      }
    }
  }

  private async waitForResume(): Promise<void> {
    const wait = this.resumeAt - Date.now();
    if (wait <= 0) return;
    recordThrottleWait(wait);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

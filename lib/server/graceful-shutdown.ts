import 'server-only';
import { log } from '@/lib/observability/log-event';

export interface ShutdownSteps {
  /** Stops claiming and waits for work in progress. */
  drain(): Promise<void>;
  /** Hands back whatever is still held (jobs claimed but not finished). Must be quick: it also runs at the bound. */
  release(): Promise<number>;
  /** Flushes telemetry, closes the database. */
  close(): Promise<void>;
}

const holder = globalThis as typeof globalThis & { roleportShutdown?: boolean };

/**
 * On SIGTERM (Container Apps stopping a replica) or SIGINT: drain the workers, release their jobs, close, and exit.
 * Whatever happens the process exits within `timeoutMs`: at 80 % of it the jobs still in flight are released and the
 * process leaves, so no job stays leased to a process that is gone. Next.js's own handler (which exits at once)
 * is off because NEXT_MANUAL_SIG_HANDLE is set (Dockerfile, `npm start`).
 */
export function installGracefulShutdown(steps: ShutdownSteps, timeoutMs: number, exit: (code: number) => void = process.exit): void {
  if (holder.roleportShutdown) return;
  holder.roleportShutdown = true;
  let started = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const begun = Date.now();
    log.info('shutting down', { signal, timeoutMs });
    const deadline = setTimeout(
      () => {
        void steps
          .release()
          .then((released) => log.warn('shutdown bound reached', { releasedJobs: released, elapsedMs: Date.now() - begun }))
          .catch((error: unknown) => log.error('releasing jobs at the shutdown bound failed', { err: error }))
          .finally(() => exit(1));
      },
      Math.floor(timeoutMs * 0.8),
    );
    // The last resort if even the release hangs (a database that does not answer).
    setTimeout(() => exit(1), timeoutMs).unref();
    try {
      await steps.drain();
      const released = await steps.release();
      clearTimeout(deadline);
      log.info('stopped', { releasedJobs: released, elapsedMs: Date.now() - begun });
      await steps.close().catch((error: unknown) => log.error('closing after shutdown failed', { err: error }));
      exit(0);
    } catch (error) {
      log.error('shutdown failed', { err: error });
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

import 'server-only';
import { exportNextAuthUrl, operationsSettings } from '@/lib/env';
import { installJsonConsole } from '@/lib/observability/json-console';
import { startTelemetry } from '@/lib/observability/start-telemetry';
import { startBackgroundWork } from './background-work';
import { installGracefulShutdown } from './graceful-shutdown';

/**
 * Everything a server process does once at start, in order: structured logs, telemetry (before the first request, so
 * Next.js traces it), migrations and workers, then the SIGTERM handling that stops them cleanly.
 */
export async function startServerProcess(): Promise<void> {
  const settings = operationsSettings();
  if (settings.logFormat === 'json') installJsonConsole();
  exportNextAuthUrl();
  const telemetry = await startTelemetry({ connectionString: settings.appInsightsConnectionString });
  const work = await startBackgroundWork();
  installGracefulShutdown(
    {
      drain: work.drain,
      release: work.release,
      close: async () => {
        await telemetry.shutdown();
        const { portalDatabase } = await import('@/lib/db/portal-database');
        await (await portalDatabase()).close();
      },
    },
    settings.shutdownTimeoutMs,
  );
}

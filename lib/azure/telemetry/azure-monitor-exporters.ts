// No `server-only` marker: the instrumentation hook loads this before the server's own modules.
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface AzureMonitorExporters {
  spanExporter: SpanExporter;
  metricExporter: PushMetricExporter;
}

/** Azure Monitor's trace and metric exporters for an Application Insights connection string. */
export async function azureMonitorExporters(connectionString: string): Promise<AzureMonitorExporters> {
  // Loaded only when used: the exporter and its HTTP client stay out of a process that exports nothing.
  const { AzureMonitorTraceExporter, AzureMonitorMetricExporter } = await import('@azure/monitor-opentelemetry-exporter');
  return {
    spanExporter: new AzureMonitorTraceExporter({ connectionString }),
    metricExporter: new AzureMonitorMetricExporter({ connectionString }),
  };
}

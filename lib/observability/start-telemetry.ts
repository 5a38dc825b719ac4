// No `server-only` marker: the instrumentation hook loads this before the server's own modules.
import { hostname } from 'node:os';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { azureMonitorExporters } from '@/lib/azure/telemetry/azure-monitor-exporters';
import { enableAzureSdkTracing } from '@/lib/azure/telemetry/enable-azure-sdk-tracing';

export interface TelemetryOptions {
  /** Azure Monitor: spans and metrics are exported there when set. */
  connectionString?: string;
  /** Tests: spans go here (synchronously) instead. */
  spanExporter?: SpanExporter;
  /** Tests: metrics are read by this reader. */
  metricReader?: IMetricReader;
}

export interface Telemetry {
  /** Whether spans are recorded (an exporter is configured). */
  recording: boolean;
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Registers the process's tracer and meter providers. Without an exporter, spans are not recorded: they only carry the
 * trace id the logs use as request id, so the default costs next to nothing. With Azure Monitor's connection string,
 * Next.js's own request spans, the Azure SDK calls, Graph calls and database queries are exported, with the metrics.
 */
export async function startTelemetry(options: TelemetryOptions = {}): Promise<Telemetry> {
  const resource = resourceFromAttributes({ 'service.name': 'roleport', 'service.instance.id': `${hostname()}:${process.pid}` });
  const processors: SpanProcessor[] = [];
  const readers: IMetricReader[] = [];
  if (options.spanExporter) processors.push(new SimpleSpanProcessor(options.spanExporter));
  if (options.metricReader) readers.push(options.metricReader);
  if (options.connectionString) {
    const { spanExporter, metricExporter } = await azureMonitorExporters(options.connectionString);
    processors.push(new BatchSpanProcessor(spanExporter));
    readers.push(new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 }));
  }
  const recording = processors.length > 0;
  const tracerProvider = new BasicTracerProvider({
    resource,
    sampler: new ParentBasedSampler({ root: recording ? new AlwaysOnSampler() : new AlwaysOffSampler() }),
    spanProcessors: processors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  const meterProvider = readers.length > 0 ? new MeterProvider({ resource, readers }) : undefined;
  if (meterProvider) metrics.setGlobalMeterProvider(meterProvider);
  if (recording) enableAzureSdkTracing();
  return {
    recording,
    shutdown: async () => {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider?.shutdown()]);
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}

// Rule: with an exporter configured, ARM calls through the Azure SDK, Graph calls through the Graph client and database queries become spans of the operation that made them; metrics reach the reader.
import { SpanKind, trace } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '../../test/harness/portal-test-env';
import { syncCatalog } from '../catalog/sync-catalog';
import { recordSyncDuration } from './portal-metrics';
import { startTelemetry, type Telemetry } from './start-telemetry';

let env: PortalTestEnv;
let telemetry: Telemetry;
const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const metricReader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });

beforeAll(async () => {
  env = await startPortalTestEnv();
  telemetry = await startTelemetry({ spanExporter: spans, metricReader });
});
afterAll(async () => {
  await telemetry?.shutdown();
  await env?.close();
});

const hostOf = (url: string) => new URL(url).hostname;
const portOf = (url: string) => new URL(url).port;
const urlOf = (span: ReadableSpan) => String(span.attributes['url.full'] ?? span.attributes['http.url'] ?? '');

it('records a catalog sync as one trace holding its ARM, Graph and database spans', async () => {
  const traceId = await trace.getTracer('test').startActiveSpan('catalog sync', async (root) => {
    const report = await syncCatalog(env.db);
    expect(report.status, JSON.stringify(report)).toBe('succeeded');
    root.end();
    return root.spanContext().traceId;
  });
  const finished = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const arm = finished.filter(
    (s) => s.kind === SpanKind.CLIENT && urlOf(s).includes(`:${portOf(env.emulator.urls.armEndpoint)}/subscriptions/`),
  );
  const graph = finished.filter((s) => s.kind === SpanKind.CLIENT && s.attributes['az.namespace'] === 'Microsoft.Graph');
  const queries = finished.filter((s) => s.attributes['db.system.name'] === 'sqlite');
  expect(arm.length).toBeGreaterThan(0);
  expect(arm.some((s) => urlOf(s).includes('/providers/Microsoft.ApiManagement/service/'))).toBe(true);
  expect(arm.every((s) => s.attributes['http.status_code'] !== undefined || s.attributes['http.response.status_code'] !== undefined)).toBe(
    true,
  );
  expect(graph.length).toBeGreaterThan(0);
  expect(graph[0]?.attributes['server.address']).toBe(hostOf(env.emulator.urls.graphEndpoint));
  expect(graph.some((s) => s.attributes['http.response.status_code'] === 200)).toBe(true);
  expect(queries.some((s) => String(s.attributes['db.query.text']).includes('catalog_api'))).toBe(true);
  // The SDK also traces its own operations (e.g. ApiManagementClient's list calls) around the HTTP attempts.
  expect(finished.some((s) => s.kind === SpanKind.INTERNAL && s.name.includes('.'))).toBe(true);
});

it('exports the throttling wait and sync duration metrics', async () => {
  // More 429s than the SDK pipeline retries on its own (throttling and exponential policies): the rest reach the gate,
  // which holds every ARM call for Retry-After and records the wait.
  const faults = await fetch(`${env.emulator.urls.authorityHost}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      script: [{ surface: 'arm', method: 'GET', pathContains: '/apis/orders/operations', kind: '429', times: 10, retryAfterSeconds: 1 }],
    }),
  });
  expect(faults.ok).toBe(true);
  const report = await syncCatalog(env.db);
  expect(report.status, JSON.stringify(report)).toBe('succeeded');
  recordSyncDuration(report.durationMs, { status: report.status });
  await metricReader.forceFlush();
  const names = metricExporter
    .getMetrics()
    .flatMap((m) => m.scopeMetrics)
    .flatMap((s) => s.metrics)
    .map((m) => m.descriptor.name);
  expect(names).toContain('roleport.catalog.sync.duration');
  expect(names).toContain('roleport.azure.throttle.wait');
});

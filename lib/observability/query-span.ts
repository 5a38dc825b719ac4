// No `server-only` marker: lib/db/connection.ts, which the CLI scripts load, passes this to Kysely.
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { LogEvent } from 'kysely';

/**
 * Kysely's query log as OpenTelemetry spans: one client span per statement, back-dated by its duration, with the SQL
 * text (parameters stay out: they hold user ids and request data) as the database conventions name it. Only inside a
 * recorded span (a page request, an ARM or Graph call's caller): the workers' polling queries alone are not worth a trace.
 */
export function querySpanLogger(system: 'postgresql' | 'sqlite'): (event: LogEvent) => void {
  return (event) => {
    if (!trace.getActiveSpan()?.isRecording()) return;
    const tracer = trace.getTracer('roleport.db');
    const sqlText = event.query.sql;
    const operation = /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase() ?? 'QUERY';
    const end = Date.now();
    const span = tracer.startSpan(`${operation} ${system}`, {
      kind: SpanKind.CLIENT,
      startTime: end - event.queryDurationMillis,
      attributes: { 'db.system.name': system, 'db.operation.name': operation, 'db.query.text': sqlText },
    });
    if (event.level === 'error')
      span.setStatus({ code: SpanStatusCode.ERROR, message: event.error instanceof Error ? event.error.name : 'failed' });
    span.end(end);
  };
}

// No `server-only` marker: the CLI scripts and the instrumentation hook log through this too.
import { trace } from '@opentelemetry/api';
import { redactSecrets, redactText } from './redact-secrets';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  time: string;
  level: LogLevel;
  msg: string;
  /** The trace id of the request (or background run) the event belongs to, shared with its spans and other events. */
  requestId?: string;
  [field: string]: unknown;
}

type Sink = (line: string, level: LogLevel) => void;

const holder = globalThis as typeof globalThis & { roleportLogSink?: Sink };

// The streams themselves, not console: console may be routed back here (json-console.ts).
const defaultSink: Sink = (line, level) => (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);

/** Where log lines go (tests capture them). Returns the previous sink. */
export function setLogSink(sink: Sink | undefined): Sink | undefined {
  const previous = holder.roleportLogSink;
  holder.roleportLogSink = sink;
  return previous;
}

function currentRequestId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? context.traceId : undefined;
}

/** One JSON line per event: time, level, message, request id, then the fields, all redacted of credentials. */
export function logEvent(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const record: LogRecord = { time: new Date().toISOString(), level, msg: redactText(msg) };
  const requestId = currentRequestId();
  if (requestId) record.requestId = requestId;
  Object.assign(record, redactSecrets(fields) as Record<string, unknown>);
  let line: string;
  try {
    line = JSON.stringify(record);
  } catch {
    line = JSON.stringify({ time: record.time, level, msg: record.msg, requestId, note: 'fields could not be serialised' });
  }
  (holder.roleportLogSink ?? defaultSink)(line, level);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => logEvent('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => logEvent('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => logEvent('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => logEvent('error', msg, fields),
};

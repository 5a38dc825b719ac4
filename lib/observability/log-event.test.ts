// Rule: every log line is one JSON event with time, level and the request's id, and no token, cookie or client secret survives into it.
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installJsonConsole, restoreConsole } from './json-console';
import { log, setLogSink } from './log-event';
import { REDACTED } from './redact-secrets';
import { startTelemetry, type Telemetry } from './start-telemetry';

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJhcGk6Ly9yb2xlcG9ydCIsInJvbGVzIjpbIlBvcnRhbC5BZG1pbiJdfQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const CLIENT_SECRET = 'Zx8Q~client.secret-value_1234567890abcdef';
const COOKIE_VALUE = 'session-cookie-value-0123456789abcdefghijkl';

let lines: string[];
let previous: ReturnType<typeof setLogSink>;

beforeEach(() => {
  lines = [];
  previous = setLogSink((line) => lines.push(line));
});
afterEach(() => {
  setLogSink(previous);
  restoreConsole();
});

const events = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the JSON logger', () => {
  it('writes one parseable line per event with time, level and message', () => {
    log.info('catalog sync succeeded', { apis: 8 });
    log.error('provisioning failed', { err: new Error('Graph answered 503') });
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    const [info, error] = events();
    expect(info).toMatchObject({ level: 'info', msg: 'catalog sync succeeded', apis: 8 });
    expect(Date.parse(String(info?.time))).not.toBeNaN();
    expect(error).toMatchObject({ level: 'error', err: { name: 'Error', message: 'Graph answered 503' } });
  });

  it('redacts tokens, cookies and client secrets in fields, nested objects, errors and the message itself', () => {
    log.warn(`token exchange failed for Bearer ${JWT}`, {
      accessToken: JWT,
      headers: { authorization: `Bearer ${JWT}`, cookie: `__Secure-next-auth.session-token=${COOKIE_VALUE}` },
      body: `grant_type=client_credentials&client_id=abc&client_secret=${encodeURIComponent(CLIENT_SECRET)}&scope=x`,
      client_secret: CLIENT_SECRET,
      config: { clientSecret: CLIENT_SECRET, tenantId: '00000000-0000-0000-0000-000000000001' },
      err: new Error(`AADSTS7000215 with assertion ${JWT}`),
      database: 'postgres://roleport:p4ssw0rd-secret@db.example:5432/roleport',
      list: [{ refresh_token: 'opaque-refresh-token-value' }],
    });
    const line = lines[0] ?? '';
    for (const secret of [
      JWT,
      CLIENT_SECRET,
      encodeURIComponent(CLIENT_SECRET),
      COOKIE_VALUE,
      'p4ssw0rd-secret',
      'opaque-refresh-token-value',
    ]) {
      expect(line).not.toContain(secret);
    }
    const event = events()[0];
    expect(event).toMatchObject({
      accessToken: REDACTED,
      client_secret: REDACTED,
      config: { clientSecret: REDACTED, tenantId: '00000000-0000-0000-0000-000000000001' },
      headers: { authorization: REDACTED, cookie: REDACTED },
    });
    // What is not a credential stays readable.
    expect(event?.body).toContain('client_id=abc');
    expect(event?.database).toContain('db.example:5432/roleport');
    expect(event?.msg).toBe(`token exchange failed for Bearer ${REDACTED}`);
  });

  it('routes console calls through the same redaction once installed, keeping the error as a field', () => {
    installJsonConsole();
    console.warn(`provisioning job 7 attempt 1 failed: cookie next-auth.session-token=${COOKIE_VALUE}`);
    console.error('[catalog] sync failed', new Error(`401 for client_secret=${CLIENT_SECRET}`));
    const [warn, error] = events();
    expect(warn).toMatchObject({ level: 'warn', msg: `provisioning job 7 attempt 1 failed: cookie next-auth.session-token=${REDACTED}` });
    expect(error).toMatchObject({ level: 'error', msg: '[catalog] sync failed', err: { message: `401 for client_secret=${REDACTED}` } });
    expect(lines.join('\n')).not.toContain(CLIENT_SECRET);
  });
});

describe('request ids', () => {
  let telemetry: Telemetry | undefined;
  afterEach(async () => telemetry?.shutdown());

  it('are the trace id of the span the event happens in, even when nothing is exported', async () => {
    telemetry = await startTelemetry();
    expect(telemetry.recording).toBe(false);
    const ids = await trace.getTracer('test').startActiveSpan('GET /apis', async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.info('inside the request');
      span.end();
      return span.spanContext().traceId;
    });
    log.info('outside any request');
    const [inside, outside] = events();
    expect(inside?.requestId).toBe(ids);
    expect(inside?.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(outside?.requestId).toBeUndefined();
  });

  it('stay the same across the events of one request and differ between requests', async () => {
    telemetry = await startTelemetry({ spanExporter: new InMemorySpanExporter() });
    const tracer = trace.getTracer('test');
    for (const name of ['first', 'second']) {
      await tracer.startActiveSpan(name, async (span) => {
        log.info(`${name} a`);
        await Promise.resolve();
        log.info(`${name} b`);
        span.end();
      });
    }
    const ids = events().map((e) => e.requestId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
  });
});

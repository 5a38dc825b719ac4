import 'server-only';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * One client span per Graph HTTP attempt (it sits after the RetryHandler), named and attributed as OpenTelemetry's
 * HTTP client conventions say, so Application Insights shows Graph as a dependency. The query string is left out:
 * $filter values name users and groups.
 */
export class TracingHandler implements Middleware {
  private next: Middleware | undefined;

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('TracingHandler needs a next middleware.');
    const method = (context.options?.method ?? 'GET').toUpperCase();
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    const tracer = trace.getTracer('roleport.graph');
    await tracer.startActiveSpan(
      `${method} ${url.hostname}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'server.address': url.hostname,
          'server.port': Number(url.port || 443),
          'url.full': `${url.origin}${url.pathname}`,
          'az.namespace': 'Microsoft.Graph',
        },
      },
      async (span) => {
        try {
          await this.next!.execute(context);
          const status = context.response?.status;
          if (status !== undefined) {
            span.setAttribute('http.response.status_code', status);
            if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
          }
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'failed' });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

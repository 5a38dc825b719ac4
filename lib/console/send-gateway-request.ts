import 'server-only';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import type { ConsoleResponse } from './console-types';
import type { VettedTarget } from './gateway-guard';

export const MAX_REQUEST_BODY_BYTES = 256 * 1024;
export const MAX_RESPONSE_BODY_BYTES = 1024 * 1024;
export const TIMEOUT_MS = 10_000;

export interface GatewayRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** Connects only to the addresses vetted for the target, whatever DNS says by the time the socket opens. */
function pinnedLookup(target: VettedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    const all = typeof options === 'object' && options !== null && 'all' in options && options.all === true;
    if (all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, target.addresses);
    else {
      const first = target.addresses[0];
      if (!first) callback(new Error('no vetted address'), '', 4);
      else callback(null, first.address, first.family);
    }
  };
}

/** One call to the gateway: no redirects followed, bounded in time and size. */
export function sendGatewayRequest(target: VettedTarget, req: GatewayRequest, { timeoutMs = TIMEOUT_MS } = {}): Promise<ConsoleResponse> {
  const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
  if (body && body.length > MAX_REQUEST_BODY_BYTES) {
    throw new UserFacingError(
      `The request body is ${Math.ceil(body.length / 1024)} KB; the console sends at most ${MAX_REQUEST_BODY_BYTES / 1024} KB.`,
      'console_body_too_large',
      413,
    );
  }
  const started = performance.now();
  return new Promise<ConsoleResponse>((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    if (body) headers['Content-Length'] = String(body.length);
    // A fresh connection per call (agent: false): a pooled socket would skip the pinned lookup.
    const outgoing = httpsRequest(target.url, {
      method: req.method,
      headers,
      agent: false,
      lookup: pinnedLookup(target),
      servername: target.url.hostname.replace(/^\[|\]$/g, ''),
    });
    const timer = setTimeout(() => {
      outgoing.destroy(new UserFacingError(`The gateway did not answer within ${timeoutMs / 1000} seconds.`, 'console_timeout', 504));
    }, timeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(
        error instanceof UserFacingError
          ? error
          : new UserFacingError(`The gateway could not be reached: ${error.message}`, 'console_unreachable', 502),
      );
    });
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () => {
        clearTimeout(timer);
        const headerPairs: [string, string][] = [];
        for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2)
          headerPairs.push([incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string]);
        resolve({
          status: incoming.statusCode ?? 0,
          statusText: incoming.statusMessage ?? '',
          headers: headerPairs,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
          durationMs: Math.round(performance.now() - started),
        });
      };
      incoming.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = MAX_RESPONSE_BODY_BYTES - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = MAX_RESPONSE_BODY_BYTES;
          truncated = true;
          finish();
          incoming.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      incoming.on('end', () => {
        if (!truncated) finish();
      });
      incoming.on('error', (error) => {
        if (truncated) return;
        clearTimeout(timer);
        reject(new UserFacingError(`The gateway's answer broke off: ${error.message}`, 'console_unreachable', 502));
      });
    });
    outgoing.end(body);
  });
}

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SurfaceHandler, SurfaceName } from '../context';
import type { RequestStats } from '../control/request-stats';
import type { FaultState, ScriptedFault } from '../faults/fault-state';
import { BODY_LIMIT_BYTES, HttpError } from './http-error';
import { faultCode, surfaceErrorWriters } from './surface-errors';

export interface SurfaceServerOptions {
  surface: SurfaceName;
  certPem: string;
  keyPem: string;
  faults: FaultState;
  stats: RequestStats;
  /** Answers `/_emulator/*` (only mounted on one origin); not counted and never faulted. */
  control?: SurfaceHandler;
}

export interface SurfaceServer {
  surface: SurfaceName;
  server: Server;
  setHandler(handler: SurfaceHandler): void;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** One HTTPS origin for one surface: stats, scripted faults, ARM throttling and latency wrap its handler. */
export function createSurfaceServer(options: SurfaceServerOptions): SurfaceServer {
  const { surface, faults, stats, control } = options;
  const writeError = surfaceErrorWriters[surface];
  let handler: SurfaceHandler | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (control && path.startsWith('/_emulator/')) return control(req, res);
    stats.record(surface, method, path);

    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES) return refuseLargeBody(req, res);

    const fault = faults.takeScripted(surface, method, path);
    if (fault) return injectFault(fault, req, res);

    if (surface === 'arm' && (method === 'GET' || method === 'HEAD')) {
      const taken = faults.takeArmRead();
      if (taken && !taken.ok) {
        const seconds = String(taken.retryAfterSeconds);
        return writeError(
          req,
          res,
          new HttpError(
            429,
            'TooManyRequests',
            `Number of 'read' requests for subscription exceeded. Please try again after '${seconds}' seconds after additional tokens are available.`,
            { 'Retry-After': seconds, 'x-ms-ratelimit-remaining-subscription-reads': '0' },
          ),
        );
      }
      if (taken) res.setHeader('x-ms-ratelimit-remaining-subscription-reads', String(taken.remaining));
    }

    const delay = faults.latencyMs[surface] ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (!handler) return writeError(req, res, new HttpError(503, 'ServiceUnavailable', `The ${surface} surface is not running.`));
    await handler(req, res);
  }

  // Azure's front ends refuse oversized bodies before any routing; drain first so the client reads the answer.
  function refuseLargeBody(req: IncomingMessage, res: ServerResponse) {
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > 64 * BODY_LIMIT_BYTES) req.socket.destroy();
    });
    req.on('end', () =>
      writeError(
        req,
        res,
        new HttpError(413, 'RequestEntityTooLarge', `The request body is larger than ${BODY_LIMIT_BYTES} bytes.`, { Connection: 'close' }),
      ),
    );
  }

  function injectFault(fault: ScriptedFault, req: IncomingMessage, res: ServerResponse) {
    if (fault.kind === 'drop') return void req.socket.destroy();
    // A timeout never answers; the connection is closed when the emulator stops.
    if (fault.kind === 'timeout') return;
    const status = Number(fault.kind);
    const retryAfter = fault.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
    const headers: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
    req.resume();
    writeError(req, res, new HttpError(status, faultCode(surface, status), faultMessage(status, retryAfter), headers));
  }

  const server = createServer({ cert: options.certPem, key: options.keyPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return writeError(req, res, err);
      console.error(`[emulator:${surface}] ${req.method} ${req.url} failed`, err);
      writeError(req, res, new HttpError(500, faultCode(surface, 500), 'An unexpected error occurred in the emulator.'));
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('tlsClientError', () => undefined);

  return {
    surface,
    server,
    setHandler(h) {
      handler = h;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function faultMessage(status: number, retryAfter: number | undefined) {
  if (status === 429) return `Too many requests. Retry after ${retryAfter ?? 1} seconds.`;
  if (status === 503) return 'The service is temporarily unavailable. Please try again later.';
  return 'An internal server error occurred.';
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SurfaceName } from '../context';
import { entraErrorBody, EntraError } from '../entra/entra-errors';
import { graphErrorBody } from '../graph/graph-errors';
import type { HttpError } from './http-error';
import { sendJson } from './respond';

export type SurfaceErrorWriter = (req: IncomingMessage, res: ServerResponse, err: HttpError) => void;

const STATUS_CODES: Record<number, { arm: string; graph: string; entra: string; aadsts: number }> = {
  429: { arm: 'TooManyRequests', graph: 'TooManyRequests', entra: 'temporarily_unavailable', aadsts: 50196 },
  500: { arm: 'InternalServerError', graph: 'UnknownError', entra: 'server_error', aadsts: 90000 },
  503: { arm: 'ServiceUnavailable', graph: 'ServiceNotAvailable', entra: 'temporarily_unavailable', aadsts: 90033 },
};

/** Each surface answers failures in its own service's error shape. */
export const surfaceErrorWriters: Record<SurfaceName, SurfaceErrorWriter> = {
  entra(_req, res, err) {
    const fallback = STATUS_CODES[err.status];
    const body =
      err instanceof EntraError
        ? { ...entraErrorBody(err.error, err.aadsts, err.text), ...err.extra }
        : entraErrorBody(fallback?.entra ?? 'invalid_request', fallback?.aadsts ?? 90000, err.message);
    sendJson(res, err.status, body, err.headers);
  },
  graph(req, res, err) {
    sendJson(res, err.status, graphErrorBody(req, err.code, err.message), err.headers);
  },
  arm(_req, res, err) {
    sendJson(res, err.status, { error: { code: err.code, message: err.message } }, err.headers);
  },
  gateway(_req, res, err) {
    sendJson(res, err.status, { statusCode: err.status, message: err.message }, err.headers);
  },
};

/** The code each surface uses for an injected status. */
export function faultCode(surface: SurfaceName, status: number): string {
  const known = STATUS_CODES[status];
  if (!known) return 'Error';
  return surface === 'graph' ? known.graph : surface === 'entra' ? known.entra : known.arm;
}

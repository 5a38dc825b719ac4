import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-error';

/** Graph's OData error body; request ids echo the caller's client-request-id like Graph does. */
export function graphErrorBody(req: IncomingMessage, code: string, message: string) {
  const clientRequestId = headerValue(req, 'client-request-id') ?? randomUUID();
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ''),
        'request-id': randomUUID(),
        'client-request-id': clientRequestId,
      },
    },
  };
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export const notFound = (id: string) =>
  new HttpError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
export const badRequest = (message: string, code = 'Request_BadRequest') => new HttpError(400, code, message);
export const invalidId = (id: string) => badRequest(`Invalid object identifier '${id}'.`);
export const segmentNotFound = (segment: string) => new HttpError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
export const invalidJson = () =>
  new HttpError(
    400,
    'BadRequest',
    'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
  );

import { randomUUID } from 'node:crypto';
import { HttpError } from '../http/http-error';

/** An Entra token-endpoint error: OAuth `error` plus the AADSTS number and text. */
export class EntraError extends HttpError {
  constructor(
    status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly text: string,
    /** Fields Entra adds for some errors, such as `suberror: 'consent_required'`. */
    readonly extra: Record<string, string> = {},
  ) {
    super(status, error, `AADSTS${aadsts}: ${text}`);
  }
}

/** Entra's error body: description carries the trace lines, the codes are repeated as numbers. */
export function entraErrorBody(error: string, aadsts: number, text: string, correlationId = randomUUID()) {
  const traceId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    error,
    error_description: `AADSTS${aadsts}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  };
}

export const invalidRequest = (aadsts: number, text: string) => new EntraError(400, 'invalid_request', aadsts, text);
export const invalidGrant = (aadsts: number, text: string, extra?: Record<string, string>) =>
  new EntraError(400, 'invalid_grant', aadsts, text, extra);
export const invalidScope = (aadsts: number, text: string) => new EntraError(400, 'invalid_scope', aadsts, text);
export const missingParameter = (name: string) =>
  invalidRequest(900144, `The request body must contain the following parameter: '${name}'.`);

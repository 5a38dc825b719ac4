import type { IncomingMessage } from 'node:http';
import type { ApimState } from '../apim/types';
import { tryReadBody } from '../http/try-read-body';
import { ArmError } from './arm-response';

/** ARM caps request bodies at 4 MB. */
const MAX_BODY = 4 * 1024 * 1024;

export interface ArmRequest {
  req: IncomingMessage;
  method: string;
  url: URL;
  origin: string;
  /** Path segments below the service's ARM id, URL-decoded (`['apis', 'orders', 'policies']`). */
  segments: string[];
  state: ApimState;
}

export interface ArmResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Lower-cased segment at `index`, for matching the fixed words of a path case-insensitively like ARM. */
export function word(r: ArmRequest, index: number): string | undefined {
  return r.segments[index]?.toLowerCase();
}

export function methodNotAllowed(r: ArmRequest): ArmError {
  return new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${r.method}'.`);
}

/** Reads and parses a JSON body the way ARM reports problems with it. */
export async function readJson(r: ArmRequest): Promise<Record<string, unknown>> {
  const body = await tryReadBody(r.req, MAX_BODY);
  if (!body.ok) {
    if (body.reason === 'too-large')
      throw new ArmError(413, 'RequestEntityTooLarge', 'The request content size exceeds the maximum allowed size of 4194304 bytes.');
    throw new ArmError(400, 'InvalidRequestContent', 'The request content could not be read.');
  }
  if (!body.text.trim())
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body is empty.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch (error) {
    throw new ArmError(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: '${(error as Error).message}'.`,
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ArmError(
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized: expected a JSON object.',
    );
  }
  return parsed as Record<string, unknown>;
}

/** ETags travel quoted; If-Match may carry a weak prefix or several values. */
export function ifMatchAllows(header: string | undefined, etag: string | undefined): boolean {
  if (header === undefined) return true;
  const candidates = header.split(',').map((v) => v.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  // `*` matches anything, including a policy not yet created (Microsoft's create example sends it).
  if (candidates.includes('*')) return true;
  return etag !== undefined && candidates.includes(etag);
}

/** The ETag every user and subscription reports; the emulator keeps no per-entity version for them. */
export const FIXED_ETAG = 'AAAAAAAAAAE=';

/** Update and delete of users and subscriptions declare `If-Match` required (`IfMatchRequiredParameter` in the REST spec). */
export function requireIfMatch(r: ArmRequest, etag = FIXED_ETAG): void {
  const raw = r.req.headers['if-match'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (value === undefined) throw new ArmError(400, 'ValidationError', "The 'If-Match' header is required for this operation.");
  if (!ifMatchAllows(value, etag))
    throw new ArmError(
      412,
      'PreconditionFailed',
      'The entity has been modified since it was retrieved; refresh it and apply the change again.',
    );
}

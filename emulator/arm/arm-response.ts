import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { HttpError } from '../http/http-error';
import { FilterError, parseFilter, type FieldValue, type Fields } from './arm-filter';

/** An error the ARM surface answers in ARM's error body (`{ error: { code, message, details } }`). */
export class ArmError extends HttpError {}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'x-ms-request-id': randomUUID(),
    'x-ms-correlation-request-id': randomUUID(),
    ...headers,
  });
  res.end(text);
}

export function sendArmError(res: ServerResponse, error: ArmError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message, details: [] } }, error.headers);
}

export const notFound = (what: string) => new ArmError(404, 'ResourceNotFound', `${what} not found.`);

export interface ListRequest {
  /** The request URL (origin-relative), used to build `nextLink`. */
  url: URL;
  /** Origin for `nextLink`, e.g. https://localhost:8445. */
  origin: string;
}

/** Applies `$filter`, `$skip`, `$top` and answers an ARM collection with a nextLink on this origin. */
export function pageOf<T>(
  items: T[],
  request: ListRequest,
  options: {
    fields?: (item: T) => Fields;
    filterable?: readonly string[];
    mapLiteral?: (field: string, value: FieldValue) => FieldValue;
    pageSize?: number;
  },
): { value: T[]; count: number; nextLink: string } {
  const query = request.url.searchParams;
  let matching = items;
  const filter = query.get('$filter');
  if (filter && filter.trim()) {
    if (!options.fields || !options.filterable)
      throw new ArmError(400, 'ValidationError', 'Filtering is not supported on this collection.');
    try {
      const predicate = parseFilter(filter, options.filterable, options.mapLiteral);
      const fields = options.fields;
      matching = items.filter((item) => predicate(fields(item)));
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      throw new ArmError(400, 'ValidationError', `Invalid filter clause specified: '${filter}'. ${error.message}`);
    }
  }
  // APIM treats $top as the page size: the nextLink keeps it and moves $skip on (seen on the wire).
  const skip = nonNegative(query.get('$skip'), '$skip') ?? 0;
  const size = nonNegative(query.get('$top'), '$top') ?? options.pageSize ?? 100;
  const value = matching.slice(skip, skip + size);
  let nextLink = '';
  if (size > 0 && skip + value.length < matching.length) {
    const next = new URL(request.url.pathname + request.url.search, request.origin);
    next.searchParams.set('$skip', String(skip + value.length));
    nextLink = next.toString();
  }
  return { value, count: matching.length, nextLink };
}

function nonNegative(raw: string | null, name: string): number | undefined {
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ArmError(400, 'ValidationError', `'${name}' must be a non-negative integer, found '${raw}'.`);
  }
  return value;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenVerifier } from '../context';
import type { Directory } from '../directory/directory';
import { readJson } from '../http/read-body';
import { sendEmpty, sendJson } from '../http/respond';
import { isGuid } from '../http/ids';
import { requirePermission } from './graph-auth';
import { badRequest, headerValue, invalidId, invalidJson } from './graph-errors';
import { applySelect, contextUrl, paginate, parseFilter, parseSelect } from './odata-query';

/** One Graph request with what every route needs. */
export interface GraphCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  dir: Directory;
  tokens: TokenVerifier;
  /** The emulator's Graph origin, for nextLinks. */
  origin: string;
}

type Json = Record<string, unknown>;

export const authorize = (call: GraphCall, accepted: readonly string[]) =>
  requirePermission(call.tokens, call.req, [...accepted], call.dir.cloud.graphResource, call.dir);

function responseHeaders(call: GraphCall) {
  const id = headerValue(call.req, 'client-request-id');
  return { 'OData-Version': '4.0', ...(id ? { 'client-request-id': id } : {}) };
}

/** A collection response: $filter, then paging, then $select, with Graph's @odata.context. */
export function sendList(call: GraphCall, items: Json[], contextPath: string, typeName: string, sample: Json) {
  const q = call.url.searchParams;
  const filtered = items.filter(parseFilter(q.get('$filter'), typeName));
  const fields = parseSelect(q.get('$select'), sample, typeName);
  const { page, nextLink } = paginate(filtered, call.url, call.origin);
  const body: Json = { '@odata.context': contextUrl(contextPath, fields, false) };
  if (q.get('$count') === 'true') body['@odata.count'] = filtered.length;
  if (nextLink) body['@odata.nextLink'] = nextLink;
  body.value = page.map((e) => applySelect(e, fields));
  sendJson(call.res, 200, body, responseHeaders(call));
}

export function sendEntity(call: GraphCall, entity: Json, contextPath: string, typeName: string, status = 200) {
  const fields = parseSelect(call.url.searchParams.get('$select'), entity, typeName);
  sendJson(
    call.res,
    status,
    { '@odata.context': contextUrl(contextPath, fields, true), ...applySelect(entity, fields) },
    responseHeaders(call),
  );
}

/** An answer without a body: 204 No Content, or 202 Accepted for actions Graph queues (sendMail). */
export function sendNoContent(call: GraphCall, status: 202 | 204 = 204) {
  sendEmpty(call.res, status, responseHeaders(call));
}

export async function readObject(call: GraphCall): Promise<Json> {
  const body = await readJson(call.req, invalidJson);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidJson();
  return body as Json;
}

export function requireGuid(value: string) {
  if (!isGuid(value)) throw invalidId(value);
  return value.toLowerCase();
}

export function requireGuidField(body: Json, name: string): string {
  const v = body[name];
  if (typeof v !== 'string' || !isGuid(v))
    throw badRequest(`Invalid value specified for property '${name}' of resource 'AppRoleAssignment'.`);
  return v.toLowerCase();
}

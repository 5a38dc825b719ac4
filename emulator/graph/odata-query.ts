import { HttpError } from '../http/http-error';
import { badRequest } from './graph-errors';

type Entity = Record<string, unknown>;
type Predicate = (e: Entity) => boolean;

const GRAPH_METADATA = 'https://graph.microsoft.com/v1.0/$metadata#';
const unsupported = (clause: string) =>
  new HttpError(400, 'BadRequest', `Invalid filter clause: Syntax error or unsupported expression in '${clause}'.`);

function literal(raw: string): string | null {
  const t = raw.trim();
  if (/^'(?:[^']|'')*'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t)) return t;
  if (t === 'true' || t === 'false') return t;
  return null;
}

function property(entity: Entity, name: string, typeName: string): unknown {
  if (!(name in entity))
    throw new HttpError(
      400,
      'Request_UnsupportedQuery',
      `Unsupported or invalid query filter clause specified for property '${name}' of resource '${typeName}'.`,
    );
  return entity[name];
}

const eqi = (a: unknown, b: string) => String(a).toLowerCase() === b.toLowerCase();

function clause(text: string, typeName: string): Predicate {
  const t = text.trim();
  let m = /^(\w+)\/any\((\w+):\s*\2\s+eq\s+(.+)\)$/i.exec(t);
  if (m) {
    const value = literal(m[3]!);
    if (value === null) throw unsupported(t);
    const name = m[1]!;
    return (e) => {
      const v = property(e, name, typeName);
      return Array.isArray(v) && v.some((x) => eqi(x, value));
    };
  }
  m = /^startswith\(\s*(\w+)\s*,\s*(.+)\)$/i.exec(t);
  if (m) {
    const value = literal(m[2]!);
    if (value === null) throw unsupported(t);
    const name = m[1]!;
    return (e) =>
      String(property(e, name, typeName) ?? '')
        .toLowerCase()
        .startsWith(value.toLowerCase());
  }
  m = /^(\w+)\s+eq\s+(.+)$/i.exec(t);
  if (m) {
    const value = literal(m[2]!);
    if (value === null) throw unsupported(t);
    const name = m[1]!;
    return (e) => eqi(property(e, name, typeName), value);
  }
  throw unsupported(t);
}

/** The `$filter` forms Roleport and the SDK samples use: eq, startswith, any(), joined by `and`. */
export function parseFilter(filter: string | null, typeName: string): Predicate {
  if (filter === null) return () => true;
  if (!filter.trim()) throw unsupported(filter);
  const parts = filter.split(/\s+and\s+/i).map((p) => clause(p, typeName));
  return (e) => parts.every((p) => p(e));
}

export function parseSelect(select: string | null, sample: Entity, typeName: string): string[] | null {
  if (select === null) return null;
  const fields = select
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // directoryObject collections mix users, groups and service principals: Graph selects across the derived types.
  if (typeName === 'directoryObject') return fields;
  for (const f of fields) {
    if (!(f in sample))
      throw new HttpError(400, 'BadRequest', `Could not find a property named '${f}' on type 'microsoft.graph.${typeName}'.`);
  }
  return fields;
}

export function applySelect(entity: Entity, fields: string[] | null): Entity {
  if (!fields) return entity;
  const out: Entity = {};
  if ('@odata.type' in entity) out['@odata.type'] = entity['@odata.type'];
  for (const f of fields) if (f in entity) out[f] = entity[f];
  return out;
}

export function contextUrl(path: string, fields: string[] | null, single: boolean) {
  return `${GRAPH_METADATA}${path}${fields ? `(${fields.join(',')})` : ''}${single ? '/$entity' : ''}`;
}

function decodeSkipToken(token: string | null): number {
  if (token === null) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw badRequest('Invalid paging token.');
  return Number(m[1]);
}

/** One page of a collection, with `@odata.nextLink` on the emulator's own origin. */
export function paginate<T>(items: T[], url: URL, origin: string, defaultTop = 100) {
  const topRaw = url.searchParams.get('$top');
  const top = topRaw === null ? defaultTop : Number(topRaw);
  if (!Number.isInteger(top) || top < 1 || top > 999) {
    throw new HttpError(400, 'BadRequest', `Invalid page size specified: '${topRaw}'. Must be between 1 and 999 inclusive.`);
  }
  const offset = decodeSkipToken(url.searchParams.get('$skiptoken'));
  const page = items.slice(offset, offset + top);
  if (offset + top >= items.length) return { page };
  const params = [...url.searchParams].filter(([k]) => k !== '$skiptoken');
  params.push(['$skiptoken', Buffer.from(`offset:${offset + top}`).toString('base64url')]);
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return { page, nextLink: `${origin}${url.pathname}?${query}` };
}

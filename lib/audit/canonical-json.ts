import 'server-only';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/**
 * JSON with object keys sorted at every depth and no whitespace, so equal values always give the same text
 * (and the same hash) regardless of the order the caller built them in. Goes through JSON.stringify first,
 * so `toJSON` (Dates) and dropped `undefined` behave as they would in plain JSON.
 */
export function canonicalJson(value: unknown): string {
  const plain = JSON.stringify(value);
  if (plain === undefined) throw new TypeError('value is not representable as JSON');
  return JSON.stringify(sortKeys(JSON.parse(plain)));
}

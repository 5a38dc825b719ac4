// The console's request body (made at catalog sync) when an operation declares a JSON schema but no example: a value a person can send or edit.

/** The part of JSON Schema (OpenAPI 2/3 flavour) this reads; anything else in a schema is ignored. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
}

/** Named schemas a `$ref` may point at: `#/definitions/X` (Swagger 2) or `#/components/schemas/X` (OpenAPI 3). */
export type SchemaDefinitions = Record<string, JsonSchema>;

const MAX_DEPTH = 6;
const FORMATS: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uuid: '00000000-0000-0000-0000-000000000000',
  uri: 'https://example.com',
  url: 'https://example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'AA==',
};

function resolve(schema: JsonSchema, definitions: SchemaDefinitions, seen: ReadonlySet<string>): [JsonSchema, Set<string>] | null {
  if (!schema.$ref) return [schema, new Set(seen)];
  const name = /^#\/(?:definitions|components\/schemas)\/(.+)$/.exec(schema.$ref)?.[1];
  // A reference outside the API's own definitions, unknown, or back into itself: nothing is made up for it.
  if (!name || seen.has(name) || !definitions[name]) return null;
  return resolve(definitions[name], definitions, new Set([...seen, name]));
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function sample(schema: JsonSchema, definitions: SchemaDefinitions, depth: number, seen: ReadonlySet<string>): unknown {
  const resolved = resolve(schema, definitions, seen);
  if (!resolved || depth > MAX_DEPTH) return undefined;
  const [s, refs] = resolved;
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.allOf?.length) {
    const parts = s.allOf.map((part) => sample(part, definitions, depth + 1, refs));
    return parts.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  const choice = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (choice) return sample(choice, definitions, depth + 1, refs);
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // Only what the operation requires, so the body is the least a call needs; with none marked, every property.
      const names = s.required?.length ? s.required : Object.keys(s.properties ?? {});
      for (const name of names) {
        const value = s.properties?.[name] ? sample(s.properties[name], definitions, depth + 1, refs) : '';
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case 'array': {
      const item = s.items ? sample(s.items, definitions, depth + 1, refs) : undefined;
      return item === undefined ? [] : [item];
    }
    case 'string':
      return (s.format && FORMATS[s.format]) ?? 'string';
    case 'integer':
    case 'number':
      return s.minimum !== undefined && s.minimum > 0 ? s.minimum : 0;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

/**
 * A JSON body shaped by `schema`: required properties (every property when none is required), each schema's own
 * example, default, const or first enum value where it has one, sample values by type and format otherwise; `$ref`s
 * resolved within the API's definitions, cycles and depth beyond six levels left out. Empty when nothing can be made.
 */
export function sampleFromSchema(schema: JsonSchema, definitions: SchemaDefinitions = {}): string {
  const value = sample(schema, definitions, 0, new Set());
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

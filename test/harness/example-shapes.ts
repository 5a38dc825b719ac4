// Microsoft's published example payloads and a shape check of answers against them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Microsoft's published example payloads (contract fixtures), read-only. */
export function loadExample<T = Record<string, unknown>>(relativePath: string): T {
  const base = fileURLToPath(new URL('../../fixtures/azure-examples/', import.meta.url));
  return JSON.parse(readFileSync(`${base}${relativePath}`, 'utf8')) as T;
}

function kind(v: unknown) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export interface ShapeOptions {
  /** Report keys the actual value has and the example lacks (off by default: the docs truncate examples). */
  exact?: boolean;
  /** Keys whose presence is not required, e.g. fields Microsoft's docs show but the emulator does not model. */
  optional?: string[];
}

/**
 * Differences between a value and an example: every key of the example must be present with the same JSON type.
 * `null` on either side matches any type (Graph and ARM properties are nullable); arrays compare their first items.
 */
export function shapeDifferences(actual: unknown, expected: unknown, options: ShapeOptions = {}, path = '$'): string[] {
  const a = kind(actual);
  const e = kind(expected);
  if (a === 'null' || e === 'null') return [];
  if (a !== e) return [`${path}: expected ${e}, got ${a}`];
  if (a === 'array') {
    const [first] = actual as unknown[];
    const [model] = expected as unknown[];
    return first === undefined || model === undefined ? [] : shapeDifferences(first, model, options, `${path}[0]`);
  }
  if (a !== 'object') return [];
  const act = actual as Record<string, unknown>;
  const exp = expected as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(exp)) {
    if (!(key in act)) {
      if (!options.optional?.includes(key)) out.push(`${path}.${key}: missing`);
      continue;
    }
    out.push(...shapeDifferences(act[key], exp[key], options, `${path}.${key}`));
  }
  if (options.exact) for (const key of Object.keys(act)) if (!(key in exp)) out.push(`${path}.${key}: not in the example`);
  return out;
}

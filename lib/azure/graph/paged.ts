import 'server-only';
import { graphClient } from './client';

type Page = { value?: Record<string, unknown>[]; '@odata.nextLink'?: string };

/**
 * Reads every page of a Graph collection, following @odata.nextLink as given. There is no item cap: callers decide on
 * what the collection holds (reconciliation treats an absent assignment as removed), so a partial list must never
 * pass for the whole one. A failed page throws, and so does a nextLink that repeats (a server that never ends the list).
 */
export async function readAllPages(path: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const followed = new Set<string>();
  let next: string | undefined = path;
  while (next) {
    if (followed.has(next)) throw new Error(`Graph returned the same @odata.nextLink twice while listing ${path}.`);
    followed.add(next);
    const page = (await graphClient().api(next).get()) as Page;
    items.push(...(page.value ?? []));
    next = page['@odata.nextLink'];
  }
  return items;
}

/** The first `max` items of a collection, for lookups that want only the first matches (a search box, a unique key). */
export async function readFirstItems(path: string, max: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = path;
  while (next && items.length < max) {
    const page = (await graphClient().api(next).get()) as Page;
    items.push(...(page.value ?? []));
    next = page['@odata.nextLink'];
  }
  return items.slice(0, max);
}

/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

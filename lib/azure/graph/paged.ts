import 'server-only';
import { graphClient } from './client';

type Page = { value?: Record<string, unknown>[]; '@odata.nextLink'?: string };

/** Reads every page of a Graph collection, following @odata.nextLink as given. */
export async function readAllPages(path: string, maxItems = 10_000): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = path;
  while (next && items.length < maxItems) {
    const page = (await graphClient().api(next).get()) as Page;
    items.push(...(page.value ?? []));
    next = page['@odata.nextLink'];
  }
  return items;
}

/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

import type { CatalogFilters } from './catalog-listing';

type Search = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

/** Search parameters as the catalog understands them; anything malformed is ignored rather than an error. */
export function parseCatalogFilters(search: Search): CatalogFilters & { page: number } {
  const q = one(search.q).trim().slice(0, 200);
  const product = /^[\w.-]{1,256}$/.test(one(search.product)) ? one(search.product) : '';
  const access = one(search.access);
  const page = Number.parseInt(one(search.page), 10);
  return {
    q,
    product,
    access: access === 'held' || access === 'requestable' ? access : '',
    page: Number.isFinite(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

import 'server-only';
import type { IndexedApi, IndexedApp } from '@/lib/catalog/catalog-types';
import { groupVersions, type VersionLink } from '@/lib/catalog/group-versions';
import { searchSnapshot, type IndexSnapshot } from '@/lib/catalog/index-snapshot';
import { accessView, type ApiAccessView } from './access-summary';
import type { HeldRole } from './held-roles';

export interface CatalogFilters {
  q: string;
  product: string;
  access: '' | 'held' | 'requestable';
}

export interface CatalogEntry {
  api: IndexedApi;
  app?: IndexedApp;
  view: ApiAccessView;
  /** Every version of the API's version set that matched, oldest first; empty for an unversioned API. */
  versions: VersionLink[];
}

interface VersionGroup {
  api: IndexedApi;
  versions: VersionLink[];
}

// The unfiltered catalog's version groups depend on the index alone: grouped once per snapshot, not once per view.
const allGroups = new WeakMap<IndexSnapshot, VersionGroup[]>();

function groupsOf(snapshot: IndexSnapshot, apis: IndexedApi[], unfiltered: boolean): VersionGroup[] {
  const cached = unfiltered ? allGroups.get(snapshot) : undefined;
  if (cached) return cached;
  const groups = groupVersions(apis.map((api) => ({ api })));
  if (unfiltered) allGroups.set(snapshot, groups);
  return groups;
}

/**
 * One user's access view per API, computed once per app registration: with an app, the view depends on the app and
 * the user's roles alone, so every API of one app shares it; without one, on whether the API checks tokens at all.
 */
function accessViews(snapshot: IndexSnapshot, held: HeldRole[]): (api: IndexedApi) => ApiAccessView {
  const views = new Map<string, ApiAccessView>();
  return (api) => {
    const app = api.appId ? snapshot.appById.get(api.appId) : undefined;
    const key = app ? `app:${app.appId}` : `none:${api.access.tokenValidation === 'none'}`;
    let view = views.get(key);
    if (!view) {
      view = accessView(api, app, held);
      views.set(key, view);
    }
    return view;
  };
}

/**
 * The catalog's matching entries, one page of them with their access views: the filters and the version grouping run
 * over the whole index, the views are built for the entries shown. `page` is clamped to the last page.
 */
export function listCatalog(
  snapshot: IndexSnapshot,
  held: HeldRole[],
  filters: CatalogFilters,
  window: { page: number; pageSize: number },
): { entries: CatalogEntry[]; total: number; page: number } {
  const viewOf = accessViews(snapshot, held);
  const searched = searchSnapshot(snapshot, filters.q);
  const unfiltered = !filters.q && !filters.product && !filters.access;
  const matching = unfiltered
    ? searched
    : searched.filter((api) => {
        if (filters.product && !api.products.some((p) => p.id === filters.product)) return false;
        if (filters.access === 'held') return viewOf(api).state === 'held';
        if (filters.access === 'requestable') return viewOf(api).requestableCount > 0;
        return true;
      });
  // Versions of one API show as one entry, as APIM's developer portal groups them.
  const groups = groupsOf(snapshot, matching, unfiltered);
  const pages = Math.max(1, Math.ceil(groups.length / window.pageSize));
  const page = Math.min(Math.max(1, window.page), pages);
  const shown = Number.isFinite(window.pageSize) ? groups.slice((page - 1) * window.pageSize, page * window.pageSize) : groups;
  const entries = shown.map(({ api, versions }) => {
    const app = api.appId ? snapshot.appById.get(api.appId) : undefined;
    return { api, app, view: viewOf(api), versions };
  });
  return { entries, total: groups.length, page };
}

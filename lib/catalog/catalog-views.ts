import 'server-only';
import { getHeldRoles, type HeldRole } from '@/lib/access/held-roles';
import type { PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { accessView, type ApiAccessView } from './access-summary';
import type { CatalogProductRef, IndexedApi, IndexedApp, IndexedOperation } from './catalog-types';
import { getIndexedApi, getIndexedApp, listIndexedApis, listIndexedApps, listIndexedOperations, listIndexedProducts, searchIndexedApis } from './read-index';

export interface CatalogFilters {
  q: string;
  product: string;
  access: '' | 'held' | 'requestable';
}

export interface CatalogEntry {
  api: IndexedApi;
  app?: IndexedApp;
  view: ApiAccessView;
}

/** The user's roles, or an explanation when Graph cannot be read (pages still render from the index). */
async function heldRolesOrError(user: PortalUser): Promise<{ held: HeldRole[]; rolesError?: string }> {
  try {
    return { held: await getHeldRoles(user.oid) };
  } catch (error) {
    console.error('[catalog] reading the user’s roles from Graph failed', error);
    return { held: [], rolesError: 'Your roles could not be read from Microsoft Entra just now, so access is not shown. Reload to try again.' };
  }
}

export async function loadCatalog(user: PortalUser, filters: CatalogFilters) {
  const database = await db();
  const [apis, apps, products, roles] = await Promise.all([
    filters.q ? searchIndexedApis(database, filters.q) : listIndexedApis(database),
    listIndexedApps(database),
    listIndexedProducts(database),
    heldRolesOrError(user),
  ]);
  const appById = new Map(apps.map((a) => [a.appId, a]));
  const entries: CatalogEntry[] = apis
    .filter((api) => !filters.product || api.products.some((p) => p.id === filters.product))
    .map((api) => {
      const app = api.appId ? appById.get(api.appId) : undefined;
      return { api, app, view: accessView(api, app, roles.held) };
    })
    .filter((entry) => {
      if (filters.access === 'held') return entry.view.state === 'held';
      if (filters.access === 'requestable') return entry.view.requestableCount > 0;
      return true;
    });
  const indexEmpty = !filters.q && !filters.product && apis.length === 0;
  return { entries, products, indexEmpty, rolesError: roles.rolesError };
}

export interface ApiPageData {
  api: IndexedApi;
  app: IndexedApp | null;
  operations: IndexedOperation[];
  view: ApiAccessView;
  held: HeldRole[];
  rolesError?: string;
  products: CatalogProductRef[];
}

export async function loadApiPage(user: PortalUser, apiId: string): Promise<ApiPageData | null> {
  const database = await db();
  const api = await getIndexedApi(database, apiId);
  if (!api) return null;
  const [app, operations, roles] = await Promise.all([
    api.appId ? getIndexedApp(database, api.appId) : Promise.resolve(null),
    listIndexedOperations(database, apiId),
    heldRolesOrError(user),
  ]);
  return { api, app, operations, view: accessView(api, app ?? undefined, roles.held), held: roles.held, rolesError: roles.rolesError, products: api.products };
}

/** "My access": the APIs on which the user holds at least one role, with those roles. */
export async function loadMyAccess(user: PortalUser) {
  const { entries, rolesError, indexEmpty } = await loadCatalog(user, { q: '', product: '', access: 'held' });
  return { entries, rolesError, indexEmpty };
}

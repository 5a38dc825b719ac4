import 'server-only';
import { appTokenSnippets, type AppTokenSnippet } from '@/lib/catalog/app-token-snippets';
import { getConfig } from '@/lib/env';
import { getHeldRoles, type HeldRole } from './held-roles';
import type { PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { accessView, type ApiAccessView } from './access-summary';
import { versionLabel } from '@/lib/catalog/api-version';
import type { CatalogProductRef, IndexedApi, IndexedApp, IndexedOperation } from '@/lib/catalog/catalog-types';
import { compareVersions, type VersionLink } from '@/lib/catalog/group-versions';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
import { listCatalog, type CatalogFilters } from './catalog-listing';
import { listIndexedOperations } from '@/lib/catalog/read-index';

/** The user's roles, or an explanation when Graph cannot be read (pages still render from the index). */
async function heldRolesOrError(user: PortalUser): Promise<{ held: HeldRole[]; rolesError?: string }> {
  try {
    return { held: await getHeldRoles(user.oid) };
  } catch (error) {
    console.error('[catalog] reading the user’s roles from Graph failed', error);
    return {
      held: [],
      rolesError: 'Your roles could not be read from Microsoft Entra just now, so access is not shown. Reload to try again.',
    };
  }
}

/** One page of the catalog for this user (`pageSize` Infinity for every entry), with the products to filter by. */
export async function loadCatalog(user: PortalUser, filters: CatalogFilters, window = { page: 1, pageSize: Infinity }) {
  const [snapshot, roles] = await Promise.all([db().then(getIndexSnapshot), heldRolesOrError(user)]);
  const { entries, total, page } = listCatalog(snapshot, roles.held, filters, window);
  const indexEmpty = !filters.q && !filters.product && snapshot.apis.length === 0;
  return { entries, total, page, products: snapshot.products, indexEmpty, rolesError: roles.rolesError };
}

export interface ApiPageData {
  api: IndexedApi;
  app: IndexedApp | null;
  operations: IndexedOperation[];
  view: ApiAccessView;
  held: HeldRole[];
  rolesError?: string;
  products: CatalogProductRef[];
  /** The versions of this API's version set, oldest first (empty when unversioned). */
  versions: VersionLink[];
  /** How a workload gets an app-only token for this API (empty when no app registration is mapped). */
  appTokenSnippets: AppTokenSnippet[];
}

export async function loadApiPage(user: PortalUser, apiId: string): Promise<ApiPageData | null> {
  const database = await db();
  const roles = heldRolesOrError(user);
  const snapshot = await getIndexSnapshot(database);
  const api = snapshot.apis.find((a) => a.id === apiId);
  if (!api) return null;
  const app = (api.appId && snapshot.appById.get(api.appId)) || null;
  const siblings = api.version ? snapshot.apis.filter((a) => a.version?.setId === api.version?.setId).sort(compareVersions) : [];
  const [operations, held] = await Promise.all([listIndexedOperations(database, apiId), roles]);
  return {
    api,
    app,
    operations,
    view: accessView(api, app ?? undefined, held.held),
    held: held.held,
    rolesError: held.rolesError,
    products: api.products,
    versions: siblings.map((a) => ({ apiId: a.id, label: a.version ? versionLabel(a.version) : a.id })),
    appTokenSnippets: app ? appTokenSnippets(app, getConfig().tenantId) : [],
  };
}

/** "My access": the APIs on which the user holds at least one role, with those roles. */
export async function loadMyAccess(user: PortalUser) {
  const { entries, rolesError, indexEmpty } = await loadCatalog(user, { q: '', product: '', access: 'held' });
  return { entries, rolesError, indexEmpty };
}

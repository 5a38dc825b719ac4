// Rule: the catalog lists one entry per API (one per version set), filtered by words, product and the user's access,
// one page at a time, each entry with what the user holds and may request on it.
import { describe, expect, it } from 'vitest';
import type { IndexedApi, IndexedApp } from '@/lib/catalog/catalog-types';
import type { IndexSnapshot } from '@/lib/catalog/index-snapshot';
import { api, app } from '@/test/harness/config-index-fixture';
import { listCatalog, type CatalogFilters } from './catalog-listing';
import type { HeldRole } from './held-roles';

const versioned = (id: string, appId: string, setId: string, value: string): IndexedApi => ({
  ...api(id, appId),
  version: { setId, setName: setId, value, scheme: 'Segment', selector: null },
});

function snapshotOf(apis: IndexedApi[], apps: IndexedApp[]): IndexSnapshot {
  return {
    stamp: String(apis.length),
    apis,
    searchText: new Map(apis.map((a) => [a.id, `${a.displayName} ${a.path}`.toLowerCase()])),
    apps,
    appById: new Map(apps.map((a) => [a.appId, a])),
    products: [{ id: 'starter', displayName: 'Starter' }],
  };
}

const ordersApp = app('orders', 'api://orders', 2, ['Orders.Read', 'Orders.Write']);
const inventoryApp = app('inventory', 'api://inventory', 2, ['Inventory.Read']);
const apis = [
  api('orders', 'orders'),
  { ...api('inventory', 'inventory'), products: [{ id: 'starter', displayName: 'Starter' }] },
  versioned('ship-v1', 'orders', 'ship', 'v1'),
  versioned('ship-v2', 'orders', 'ship', 'v2'),
  api('open', null, 'none'),
  api('unmapped', null, 'all'),
];
const index = snapshotOf(apis, [ordersApp, inventoryApp]);
const holdsInventoryRead: HeldRole[] = [{ appId: 'inventory', roleId: 'Inventory.Read', value: 'Inventory.Read', via: 'direct' }];
const all: CatalogFilters = { q: '', product: '', access: '' };
const everything = { page: 1, pageSize: Infinity };

describe('listCatalog', () => {
  it('lists one entry per version set, standing for its newest version with every version linked', () => {
    const { entries, total } = listCatalog(index, [], all, everything);
    expect(entries.map((e) => e.api.id)).toEqual(['orders', 'inventory', 'ship-v2', 'open', 'unmapped']);
    expect(total).toBe(5);
    expect(entries[2]?.versions).toEqual([
      { apiId: 'ship-v1', label: 'v1' },
      { apiId: 'ship-v2', label: 'v2' },
    ]);
  });

  it('gives one page of entries, the total of all pages, and the last page for a page past the end', () => {
    expect(listCatalog(index, [], all, { page: 2, pageSize: 2 })).toMatchObject({ total: 5, page: 2 });
    expect(listCatalog(index, [], all, { page: 2, pageSize: 2 }).entries.map((e) => e.api.id)).toEqual(['ship-v2', 'open']);
    const past = listCatalog(index, [], all, { page: 9, pageSize: 2 });
    expect(past.page).toBe(3);
    expect(past.entries.map((e) => e.api.id)).toEqual(['unmapped']);
  });

  it('shows on each entry what the user holds and may request, the same for every API of one app registration', () => {
    const { entries } = listCatalog(index, holdsInventoryRead, all, everything);
    const byId = new Map(entries.map((e) => [e.api.id, e]));
    expect(byId.get('inventory')?.view).toMatchObject({ state: 'held', heldValues: ['Inventory.Read'], requestableCount: 0 });
    expect(byId.get('orders')?.view).toMatchObject({ state: 'none-held', requestableCount: 2 });
    expect(byId.get('ship-v2')?.view).toEqual(byId.get('orders')?.view);
    expect(byId.get('ship-v2')?.app?.appId).toBe('orders');
    expect(byId.get('open')?.view.state).toBe('no-token-check');
    expect(byId.get('unmapped')?.view.state).toBe('no-app');
  });

  it('filters by the access the user has, by product and by words', () => {
    const ids = (filters: Partial<CatalogFilters>) =>
      listCatalog(index, holdsInventoryRead, { ...all, ...filters }, everything).entries.map((e) => e.api.id);
    expect(ids({ access: 'held' })).toEqual(['inventory']);
    expect(ids({ access: 'requestable' })).toEqual(['orders', 'ship-v2']);
    expect(ids({ product: 'starter' })).toEqual(['inventory']);
    expect(ids({ q: 'ship' })).toEqual(['ship-v2']);
    expect(ids({ q: 'ship-v1' })).toEqual(['ship-v1']);
    expect(ids({ q: 'nothing like it' })).toEqual([]);
  });

  it('lists what a changed index holds, not what an earlier one did', () => {
    expect(listCatalog(index, [], all, everything).total).toBe(5);
    const changed = snapshotOf([...apis, versioned('ship-v3', 'orders', 'ship', 'v3'), api('billing', null)], index.apps);
    const { entries, total } = listCatalog(changed, [], all, everything);
    expect(total).toBe(6);
    expect(entries.find((e) => e.api.id === 'ship-v3')?.versions.map((v) => v.apiId)).toEqual(['ship-v1', 'ship-v2', 'ship-v3']);
  });
});

// Rule: the catalog lists the versions of one version set as one entry standing for the newest version, with every version linked
// in version order (numbers compared as numbers); unversioned APIs are left alone.
import { describe, expect, it } from 'vitest';
import type { IndexedApi } from './catalog-types';
import { api as indexedApi } from '@/test/harness/config-index-fixture';
import { groupVersions } from './group-versions';

const api = (id: string, version?: { setId: string; value: string }): { api: IndexedApi } => ({
  api: {
    ...indexedApi(id, null, 'none'),
    displayName: id,
    ...(version ? { version: { ...version, setName: version.setId, scheme: 'Segment' as const, selector: null } } : {}),
  },
});

describe('groupVersions', () => {
  it('collapses a set into its newest version, keeping the list order of the set’s first entry', () => {
    const grouped = groupVersions([
      api('a'),
      api('ship-v10', { setId: 'ship', value: 'v10' }),
      api('b'),
      api('ship-original', { setId: 'ship', value: '' }),
      api('ship-v2', { setId: 'ship', value: 'v2' }),
    ]);
    expect(grouped.map((g) => [g.api.id, g.versions.map((v) => v.label)])).toEqual([
      ['a', []],
      ['ship-v10', ['Original', 'v2', 'v10']],
      ['b', []],
    ]);
    expect(grouped[1]?.versions.map((v) => v.apiId)).toEqual(['ship-original', 'ship-v2', 'ship-v10']);
  });

  it('keeps two sets apart', () => {
    const grouped = groupVersions([api('x1', { setId: 'x', value: '1' }), api('y1', { setId: 'y', value: '1' })]);
    expect(grouped.map((g) => g.api.id)).toEqual(['x1', 'y1']);
  });
});

// Two version sets added to the emulated APIM beside the seeded Shipments (Segment) set, so every scheme is present:
// Reports versioned by query parameter (no original version), Ledger by header (with an original version).
import { addApi } from '@/emulator/apim/catalog-writer';
import type { ApimState } from '@/emulator/apim/types';

const REPORTS = [{ id: 'list-reports', method: 'GET' as const, urlTemplate: '/reports', displayName: 'List', description: '', tag: 'R' }];

/** Adds reports-2024 and reports-2025 (Query, `api-version`) at /reports, ledger-original and ledger-v2 (Header, `Api-Version`) at /ledger. */
export function addQueryAndHeaderVersionSets(state: ApimState): void {
  state.apiVersionSets.set('reports', {
    id: 'reports',
    displayName: 'Reports API',
    description: '',
    versioningScheme: 'Query',
    versionQueryName: 'api-version',
  });
  state.apiVersionSets.set('ledger', {
    id: 'ledger',
    displayName: 'Ledger API',
    description: '',
    versioningScheme: 'Header',
    versionHeaderName: 'Api-Version',
  });
  for (const [id, path, set, version] of [
    ['reports-2024', 'reports', 'reports', '2024-01-01'],
    ['reports-2025', 'reports', 'reports', '2025-06-01'],
    ['ledger-original', 'ledger', 'ledger', ''],
    ['ledger-v2', 'ledger', 'ledger', 'v2'],
  ] as const) {
    addApi(state, { id, displayName: set === 'reports' ? 'Reports API' : 'Ledger API', description: '', path }, REPORTS);
    Object.assign(state.apis.get(id) as object, { apiVersionSetId: set, ...(version ? { apiVersion: version } : {}) });
  }
}

import 'server-only';
import type { IndexedApi } from './catalog-types';
import { versionLabel } from './api-version';

export interface VersionLink {
  apiId: string;
  label: string;
}

/** Version order as people read it: the original first, then by identifier with numbers compared as numbers (v2 < v10). */
export function compareVersions(a: IndexedApi, b: IndexedApi): number {
  return (a.version?.value ?? '').localeCompare(b.version?.value ?? '', 'en', { numeric: true });
}

/**
 * Collapses the versions of one version set into one entry, in the order the list had them: the entry stands for the newest version
 * and carries links to every version; unversioned APIs pass through alone.
 */
export function groupVersions<T extends { api: IndexedApi }>(entries: T[]): (T & { versions: VersionLink[] })[] {
  const bySet = new Map<string, T[]>();
  for (const entry of entries) {
    const setId = entry.api.version?.setId;
    if (setId) bySet.set(setId, [...(bySet.get(setId) ?? []), entry]);
  }
  const out: (T & { versions: VersionLink[] })[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const setId = entry.api.version?.setId;
    if (!setId) {
      out.push({ ...entry, versions: [] });
      continue;
    }
    if (seen.has(setId)) continue;
    seen.add(setId);
    const members = [...(bySet.get(setId) ?? [])].sort((a, b) => compareVersions(a.api, b.api));
    const newest = members[members.length - 1] ?? entry;
    out.push({
      ...newest,
      versions: members.map((m) => ({ apiId: m.api.id, label: m.api.version ? versionLabel(m.api.version) : m.api.id })),
    });
  }
  return out;
}

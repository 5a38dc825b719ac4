import 'server-only';
import { findApplicationByAudience } from '@/lib/azure/graph/applications';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import { listIndexedApis, listIndexedApps, listIndexedOperations } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import { getConfig } from '@/lib/env';
import {
  checkAudiences,
  checkOpenIdConfigUrls,
  checkPortalRedirect,
  checkRequiredRoles,
  type Finding,
  type RegisteredApp,
} from './config-checks';
import { loadConsoleReach } from './load-console-reach';

export interface ConfigDoctorSection {
  subject: string;
  findings: Finding[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function indexedMatch(apps: IndexedApp[], audience: string): RegisteredApp | undefined {
  const lower = audience.replace(/\/+$/, '').toLowerCase();
  return apps.find((a) => a.appId.toLowerCase() === lower || a.identifierUris.some((u) => u.replace(/\/+$/, '').toLowerCase() === lower));
}

/** Audiences the index already maps to an app are answered from it; the rest are looked up in Graph once each. */
async function resolveAudiences(audiences: string[], apps: IndexedApp[]): Promise<Map<string, RegisteredApp | null>> {
  const resolved = new Map<string, RegisteredApp | null>();
  await Promise.all(
    [...new Set(audiences)].map(async (audience) => {
      const known = indexedMatch(apps, audience);
      if (known) return void resolved.set(audience, known);
      if (!GUID.test(audience) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(audience)) return void resolved.set(audience, null);
      const found = await findApplicationByAudience(audience);
      resolved.set(audience, found);
    }),
  );
  return resolved;
}

/** Every configuration check, grouped by what it is about: the portal registration first, then each API that validates tokens. */
export async function loadConfigDoctor(): Promise<ConfigDoctorSection[]> {
  const config = getConfig();
  const database = await db();
  const [portalApp, apis, apps] = await Promise.all([
    findApplicationByAudience(config.clientId),
    listIndexedApis(database),
    listIndexedApps(database),
  ]);
  const sections: ConfigDoctorSection[] = [
    { subject: 'Portal app registration', findings: [checkPortalRedirect(portalApp, config.clientId, config.publicUrl)] },
  ];
  const checked = apis.filter((api) => api.access.tokenValidation !== 'none');
  const [appsByAudience, reach] = await Promise.all([
    resolveAudiences(
      checked.flatMap((api) => api.access.audiences),
      apps,
    ),
    loadConsoleReach(apis.flatMap((api) => (api.appId ? [{ displayName: api.displayName, appId: api.appId }] : []))),
  ]);
  for (const api of checked) {
    const entry = { api, operations: await listIndexedOperations(database, api.id) };
    const app = apps.find((a) => a.appId === api.appId) ?? null;
    sections.push({
      subject: api.displayName,
      findings: [
        ...checkOpenIdConfigUrls(entry, config.authorityHost, config.tenantId),
        ...checkAudiences(entry, appsByAudience),
        ...checkRequiredRoles(entry, app),
        ...(api.appId && reach.has(api.appId) ? [reach.get(api.appId)!] : []),
      ],
    });
  }
  return sections;
}

import 'server-only';
import { getServicePrincipalByAppId } from '@/lib/azure/graph/applications';
import { listIndexedApps } from '@/lib/catalog/read-index';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { db } from '@/lib/db/portal-database';
import { getConfig } from '@/lib/env';
import { checkApimReachable, checkCredential, checkDiscovery, checkSignInCredential } from './check-tenant-basics';
import type { ConfigFinding } from '@/lib/config-rules/config-finding';
import type { ConfigDoctorSection } from './doctor-sections';
import { loadConfigDoctor } from './load-config-doctor';
import { probeArmPermissions } from './probe-arm-permissions';
import { probeGraphPermissions } from './probe-graph-permissions';

export interface TenantDoctorReport {
  healthy: boolean;
  sections: ConfigDoctorSection[];
}

function section(subject: string, findings: ConfigFinding[]): ConfigDoctorSection {
  return { subject, findings };
}

/** A terminal or pipeline has no portal page to be relative to: links name the portal at PUBLIC_URL. */
function absoluteLinks(finding: ConfigFinding): ConfigFinding {
  if (!finding.link) return finding;
  return { ...finding, link: { ...finding.link, href: new URL(finding.link.href, getConfig().publicUrl).toString() } };
}

function report(sections: ConfigDoctorSection[]): TenantDoctorReport {
  return {
    healthy: sections.every((s) => s.findings.every((f) => f.status !== 'error')),
    sections: sections.map((s) => ({ ...s, findings: s.findings.map(absoluteLinks) })),
  };
}

/**
 * The configuration doctor against the configured tenant, for `npm run doctor`: discovery and credential, every
 * permission tried, then a catalog sync and the page doctor's checks (redirect URI, policy audiences, roles, console consent).
 */
export async function loadTenantDoctor(): Promise<TenantDoctorReport> {
  const signIn = await checkSignInCredential();
  const basics = [await checkDiscovery(), await checkCredential(), ...(signIn ? [signIn] : [])];
  if (basics.some((f) => f.status === 'error')) return report([section('Tenant', basics)]);
  const apim = await checkApimReachable();
  const database = await db();
  const sync = await syncCatalog(database);
  const syncFinding: ConfigFinding =
    sync.status === 'failed' || sync.failedApis.length
      ? {
          id: 'catalog-sync',
          check: 'catalog-sync',
          status: 'error',
          subject: 'API Management',
          title: 'The catalog sync did not read everything',
          detail: [sync.error, ...sync.failedApis.map((f) => `${f.id}: ${f.error}`)].filter(Boolean).join('\n'),
          fix: 'See the permission findings; the sync names what it could not read.',
        }
      : {
          id: 'catalog-sync',
          check: 'catalog-sync',
          status: 'ok',
          subject: 'API Management',
          title: 'The catalog syncs',
          detail: `${sync.apis} APIs read.`,
        };
  const [portalSp, apps] = await Promise.all([getServicePrincipalByAppId(getConfig().clientId), listIndexedApps(database)]);
  const [graph, arm, config] = await Promise.all([
    probeGraphPermissions(
      portalSp?.id ?? null,
      apps.map((a) => a.objectId),
    ),
    probeArmPermissions(),
    loadConfigDoctor(),
  ]);
  return report([
    section('Tenant', basics),
    section('API Management', [apim, syncFinding]),
    section("Roleport's Microsoft Graph permissions", graph),
    section("Roleport's role on the API Management service", arm),
    ...config,
  ]);
}

import 'server-only';
import { findApplicationByAudience } from '@/lib/azure/graph/applications';
import type { RegisteredApp } from '@/lib/config-rules/config-rules-input';
import { loadIndexFacts, type IndexFacts } from '@/lib/config-rules/load-index-facts';
import { audiencesOf } from '@/lib/config-rules/audience-rule';
import { runConfigRules } from '@/lib/config-rules/run-config-rules';
import { db } from '@/lib/db/portal-database';
import { getConfig } from '@/lib/env';
import { doctorSections, type ConfigDoctorSection } from './doctor-sections';
import { loadConsoleReach } from './load-console-reach';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URI = /^[a-z][a-z0-9+.-]*:\/\//i;
const trimmed = (value: string) => value.replace(/\/+$/, '').toLowerCase();

function indexed(facts: IndexFacts, audience: string): boolean {
  const wanted = trimmed(audience);
  return facts.apps.some((a) => trimmed(a.appId) === wanted || a.identifierUris.some((u) => trimmed(u) === wanted));
}

/** Audiences the index maps to no app, looked up in Graph once each: an app registration need not be mapped to be real. */
async function lookUpAudiences(facts: IndexFacts): Promise<Map<string, RegisteredApp | null>> {
  const audiences = new Set(facts.apis.filter((e) => e.api.access.tokenValidation !== 'none').flatMap(audiencesOf));
  const unknown = [...audiences].filter((a) => !indexed(facts, a) && (GUID.test(a) || URI.test(a)));
  const found = await Promise.all(unknown.map(async (a) => [a, await findApplicationByAudience(a)] as const));
  return new Map(found);
}

/** Every configuration check the doctor page shows: the rules over the index and the directory, and the console's reach. */
export async function loadConfigDoctor(): Promise<ConfigDoctorSection[]> {
  const config = getConfig();
  const facts = await loadIndexFacts(await db());
  const [portalApp, directoryApps, reach] = await Promise.all([
    findApplicationByAudience(config.clientId),
    lookUpAudiences(facts),
    loadConsoleReach(facts.apis.flatMap(({ api }) => (api.appId ? [{ displayName: api.displayName, appId: api.appId }] : []))),
  ]);
  const findings = runConfigRules({
    ...facts,
    directoryApps,
    portal: { app: portalApp, clientId: config.clientId, publicUrl: config.publicUrl },
  });
  return doctorSections(
    findings,
    facts.apis.map((e) => e.api),
    reach,
  );
}

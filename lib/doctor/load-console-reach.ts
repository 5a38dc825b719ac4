import 'server-only';
import { findApplicationByAudience, getServicePrincipalByAppId } from '@/lib/azure/graph/applications';
import { listDelegatedGrants } from '@/lib/azure/graph/delegated-grants';
import { permissionDeniedMessage } from '@/lib/azure/permission-denied';
import { getConfig } from '@/lib/env';
import type { ConfigFinding } from '@/lib/config-rules/config-finding';
import { consoleReachFinding, type PortalIdentity } from './console-reach';

export interface ApiWithApp {
  displayName: string;
  appId: string;
}

/**
 * For each API mapped to an app registration: can the console get a token for it on behalf of users? Reads Roleport's
 * delegated grants once (Graph: GET /oauth2PermissionGrants?$filter=clientId eq '…') and each API's registration.
 */
export async function loadConsoleReach(apis: ApiWithApp[]): Promise<Map<string, ConfigFinding>> {
  const config = getConfig();
  const findings = new Map<string, ConfigFinding>();
  if (apis.length === 0) return findings;
  const portalSp = await getServicePrincipalByAppId(config.clientId);
  const portal: PortalIdentity = { ...config, servicePrincipalId: portalSp?.id ?? null };
  let grants;
  try {
    grants = portalSp ? await listDelegatedGrants(portalSp.id) : [];
  } catch (error) {
    const denied = permissionDeniedMessage(error, 'graph.readDelegatedGrants');
    if (!denied) throw error;
    for (const api of apis)
      findings.set(api.appId, {
        id: `console-reach:${api.appId}`,
        check: 'console-reach',
        status: 'warn',
        subject: api.displayName,
        title: 'Whether the console can call this API is unknown',
        detail: denied,
      });
    return findings;
  }
  await Promise.all(
    apis.map(async (api) => {
      const [registration, sp] = await Promise.all([findApplicationByAudience(api.appId), getServicePrincipalByAppId(api.appId)]);
      if (!registration) return;
      const onApi = grants.filter((g) => sp && g.resourceId.toLowerCase() === sp.id.toLowerCase());
      findings.set(api.appId, consoleReachFinding(api.displayName, portal, registration, onApi));
    }),
  );
  return findings;
}

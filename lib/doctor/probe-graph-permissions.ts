import 'server-only';
import { graphClient } from '@/lib/azure/graph/client';
import { isPermissionDenied, permissionDeniedMessage } from '@/lib/azure/permission-denied';
import { REQUIRED_PERMISSIONS, type PermissionKey } from '@/lib/azure/required-permissions';
import type { ConfigFinding } from '@/lib/config-rules/config-finding';
import { getConfig } from '@/lib/env';

/** An object id no directory object can have: writes naming it fail on content, after Graph has checked the permission. */
const NOBODY = '00000000-0000-0000-0000-000000000000';
const SUBJECT = "Roleport's Microsoft Graph permissions";

type Probe = (graph: ReturnType<typeof graphClient>) => Promise<unknown>;

/**
 * One call per permission that only that permission (or a broader one) allows. Reads where Graph has one; for the
 * write permissions, a write that must fail on its content (an object that cannot exist), which Graph refuses with 403
 * before looking at the content when the permission is missing: nothing is ever changed.
 */
function probes(portalSpId: string | null, apiAppObjectIds: string[]): Partial<Record<PermissionKey, Probe | null>> {
  // Mail.Send matters only with a mailbox to send from; the probe names a user that cannot exist, so nothing is sent.
  const mail: Partial<Record<PermissionKey, Probe>> = getConfig().notifyMailFrom
    ? { 'graph.sendMail': (g) => g.api(`/users/${NOBODY}/sendMail`).post({ message: {} }) }
    : {};
  return {
    'graph.readApplications': (g) => g.api('/applications?$top=1&$select=id').get(),
    'graph.assignRoles': portalSpId
      ? (g) =>
          g
            .api(`/servicePrincipals/${portalSpId}/appRoleAssignedTo`)
            .post({ principalId: NOBODY, resourceId: portalSpId, appRoleId: NOBODY })
      : null,
    'graph.readUsers': (g) => g.api('/users?$top=1&$select=id').get(),
    'graph.readGroups': (g) => g.api('/groups?$top=1&$select=id').get(),
    'graph.writeGroupMembers': (g) =>
      g.api(`/groups/${NOBODY}/members/$ref`).post({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${NOBODY}` }),
    // An empty update changes nothing; with Application.ReadWrite.OwnedBy it succeeds only on apps Roleport owns.
    'graph.addAppRole': apiAppObjectIds.length
      ? async (g) => Promise.all(apiAppObjectIds.map((id) => g.api(`/applications/${id}`).patch({})))
      : null,
    'graph.readDelegatedGrants': portalSpId
      ? (g) => g.api(`/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${portalSpId}'`)}&$top=1`).get()
      : null,
    ...mail,
  };
}

/** Tries every Graph application permission Roleport needs; each finding names the permission and how to grant it. */
export async function probeGraphPermissions(portalSpId: string | null, apiAppObjectIds: string[]): Promise<ConfigFinding[]> {
  const graph = graphClient();
  const findings: ConfigFinding[] = [];
  for (const [key, probe] of Object.entries(probes(portalSpId, apiAppObjectIds)) as [PermissionKey, Probe | null][]) {
    const p = REQUIRED_PERMISSIONS[key];
    const base = { id: `graph-permission:${key}`, check: 'graph-permission' as const, subject: SUBJECT };
    if (!probe) {
      findings.push({ ...base, status: 'warn', title: `${p.permission}: not tried`, detail: `Nothing to try it on yet (${p.features}).` });
      continue;
    }
    try {
      await probe(graph);
      findings.push({ ...base, status: 'ok', title: `${p.permission} is granted`, detail: `Tried: ${p.calls}.` });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (!isPermissionDenied(error) && (status === 400 || status === 404)) {
        // Refused on content, so the permission itself was accepted.
        findings.push({
          ...base,
          status: 'ok',
          title: `${p.permission} is granted`,
          detail: `Tried: ${p.calls} (refused only for its made-up content).`,
        });
        continue;
      }
      findings.push({
        ...base,
        status: 'error',
        title: isPermissionDenied(error) ? `${p.permission} is missing` : `${p.permission} could not be tried`,
        detail: permissionDeniedMessage(error, key) ?? `Graph answered: ${error instanceof Error ? error.message : String(error)}`,
        fix: `Add the Microsoft Graph application permission ${p.permission} to Roleport's app registration and grant admin consent (npm run setup:azure does both). Needed for: ${p.features}.`,
      });
    }
  }
  return findings;
}

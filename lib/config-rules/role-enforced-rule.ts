import type { ConfigFinding } from './config-finding';
import { roleMapLink, type ConfigRulesInput } from './config-rules-input';

/** A role users can be given should be required somewhere, or its holders gain nothing at the gateway. */
export function checkRolesEnforced(input: ConfigRulesInput): ConfigFinding[] {
  return input.apps.flatMap((app) => {
    const entries = input.apis.filter((e) => e.api.appId === app.appId);
    const first = entries[0];
    if (!first) return [];
    const enforced = new Set(entries.flatMap((e) => e.operations.flatMap((op) => op.access.requiredRoles.flat())));
    return app.appRoles
      .filter((r) => r.isEnabled && r.allowedMemberTypes.includes('User') && !enforced.has(r.value))
      .map((role): ConfigFinding => ({
        id: `role-enforced:${app.appId}:${role.value}`,
        check: 'role-enforced',
        status: 'warn',
        severity: 'low',
        subject: app.displayName,
        apiId: first.api.id,
        appId: app.appId,
        operations: [],
        title: `${app.displayName} defines ${role.value}, but no operation requires it`,
        detail: `Holders of ${role.value} gain nothing from it at the gateway (${entries.map((e) => e.api.displayName).join(', ')}).`,
        fix: `Require ${role.value} on the operations it is meant for, or disable it in ${app.displayName}'s app roles.`,
        link: roleMapLink(first.api.id),
      }));
  });
}

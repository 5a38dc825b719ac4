import { rolesMentioned } from '@/lib/policy/role-requirements';
import type { ConfigFinding } from './config-finding';
import { mappedApp, roleMapLink, unresolved, type ApiUnderCheck, type ConfigRulesInput } from './config-rules-input';

/** Roles an API's operations require, each with the operations that require it (names from unread named values left out). */
function requiredRoles(entry: ApiUnderCheck): Map<string, ApiUnderCheck['operations']> {
  const needed = new Map<string, ApiUnderCheck['operations']>();
  for (const op of entry.operations)
    for (const role of rolesMentioned(op.access).filter((r) => !unresolved(r))) needed.set(role, [...(needed.get(role) ?? []), op]);
  return needed;
}

/**
 * Each role an operation requires must be an enabled role of the API's app, or no token can ever carry it. Values
 * compare exactly, case included, as the gateway compares them. An API with no mapped app is the app-mapped rule's.
 */
export function checkRequiredRoles(input: ConfigRulesInput): ConfigFinding[] {
  return input.apis.flatMap((entry) => {
    const app = mappedApp(input, entry);
    if (!app) return [];
    const { api } = entry;
    return [...requiredRoles(entry)].map(([role, ops]): ConfigFinding => {
      const names = ops.map((op) => op.displayName);
      const defined = app.appRoles.find((r) => r.value === role);
      const base = {
        id: `role:${api.id}:${role}`,
        check: 'required-role' as const,
        subject: api.displayName,
        apiId: api.id,
        appId: app.appId,
        operations: ops.map((op) => op.id),
      };
      if (defined?.isEnabled)
        return { ...base, status: 'ok', title: `${role} is a role of ${app.displayName}`, detail: `Required by ${names.join(', ')}.` };
      return {
        ...base,
        status: 'error',
        severity: 'high',
        title: defined ? `${role} is disabled on ${app.displayName}` : `${role} is not a role of ${app.displayName}`,
        detail: `${names.join(', ')} ${names.length === 1 ? 'requires' : 'require'} ${role}, but ${app.displayName} ${defined ? 'has it disabled' : `defines only ${app.appRoles.map((r) => r.value).join(', ') || 'no roles'}`}: no token will carry it, so every call is refused with 403.`,
        fix: defined
          ? `Enable ${role} in ${app.displayName}'s app roles.`
          : `Add an app role with the value ${role} to ${app.displayName}, or correct the role name in the operations' policy (values compare exactly, case included).`,
        link: roleMapLink(api.id),
      };
    });
  });
}

import { rolesMentioned } from '@/lib/policy/role-requirements';
import type { ConfigFinding } from './config-finding';
import { apiLink, type ConfigRulesInput } from './config-rules-input';

/** An API needs a mapped app registration: roles are requested on it, and its required roles are checked against it. */
export function checkAppMapped(input: ConfigRulesInput): ConfigFinding[] {
  return input.apis
    .filter((entry) => !entry.api.appId)
    .map(({ api, operations }): ConfigFinding => {
      const roles = [...new Set(operations.flatMap((op) => rolesMentioned(op.access)))].sort();
      return {
        id: `app-mapped:${api.id}`,
        check: 'app-mapped',
        status: 'warn',
        severity: 'medium',
        subject: api.displayName,
        apiId: api.id,
        appId: null,
        operations: [],
        title: 'No app registration is mapped to the API',
        detail: `Nobody can request a role for it, and Roleport cannot generate its policy until an app registration is mapped.${roles.length ? ` Its operations require ${roles.join(', ')}, which cannot be checked against any app.` : ''}`,
        fix: 'Map the API to its app registration (fix its audiences, or set the mapping on the API page).',
        link: apiLink(api.id),
      };
    });
}

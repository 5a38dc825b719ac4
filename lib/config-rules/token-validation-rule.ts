import type { ConfigFinding } from './config-finding';
import { roleMapLink, type ConfigRulesInput } from './config-rules-input';
import { plural } from '@/lib/text/plural';

/** Every operation runs a validate-jwt, or any caller reaches its backend. */
export function checkTokenValidation(input: ConfigRulesInput): ConfigFinding[] {
  return input.apis.flatMap(({ api, operations }): ConfigFinding[] => {
    const open = operations.filter((op) => !op.access.validatesToken).map((op) => op.id);
    if (open.length === 0) return [];
    return [
      {
        id: `token-validation:${api.id}`,
        check: 'token-validation',
        status: 'error',
        severity: 'high',
        subject: api.displayName,
        apiId: api.id,
        appId: api.appId,
        title: `${open.length} of ${plural(operations.length, 'operation')} accept${open.length === 1 ? 's' : ''} calls without a token`,
        detail: 'No validate-jwt runs for these operations, so any caller reaches the backend.',
        operations: open,
        fix: `Add a validate-jwt for ${api.displayName}'s app registration at the API or operation scope.`,
        link: roleMapLink(api.id),
      },
    ];
  });
}

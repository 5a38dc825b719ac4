import { v1IssuerOf } from '@/lib/azure-clouds';
import type { ConfigFinding } from './config-finding';
import { mappedApp, roleMapLink, unresolved, withoutTrailingSlash, type ConfigRulesInput } from './config-rules-input';

/** Tokens for a v1 app carry the v1 issuer (sts.windows.net), a v2 app's the v2 one: a policy listing only the other refuses them. */
export function checkIssuerVersion(input: ConfigRulesInput): ConfigFinding[] {
  const { tenantId, authorityHost, v1IssuerHost } = input.tenant;
  const issuer = { 1: v1IssuerOf(v1IssuerHost, tenantId), 2: `${authorityHost}/${tenantId}/v2.0` } as const;
  const normal = (value: string) => withoutTrailingSlash(value).toLowerCase();
  return input.apis.flatMap((entry): ConfigFinding[] => {
    const app = mappedApp(input, entry);
    if (!app) return [];
    const expected = normal(issuer[app.tokenVersion]);
    const other = normal(issuer[app.tokenVersion === 2 ? 1 : 2]);
    const wrong = entry.operations.filter((op) =>
      op.access.validations.some((v) => {
        const issuers = v.issuers.filter((i) => !unresolved(i)).map(normal);
        return issuers.length > 0 && !issuers.includes(expected) && issuers.includes(other);
      }),
    );
    if (wrong.length === 0) return [];
    const { api } = entry;
    return [
      {
        id: `issuer-version:${api.id}`,
        check: 'issuer-version',
        status: 'error',
        severity: 'high',
        subject: api.displayName,
        apiId: api.id,
        appId: app.appId,
        operations: wrong.map((op) => op.id),
        title: `validate-jwt accepts only v${app.tokenVersion === 2 ? 1 : 2} issuers, but ${app.displayName} issues v${app.tokenVersion} tokens`,
        detail: `Tokens for this app carry the issuer ${issuer[app.tokenVersion]}; the policy rejects them.`,
        fix: `Add <issuer>${issuer[app.tokenVersion]}</issuer> to the validate-jwt of these operations.`,
        link: roleMapLink(api.id),
      },
    ];
  });
}

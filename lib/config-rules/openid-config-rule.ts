import type { ConfigFinding } from './config-finding';
import {
  operationsListing,
  roleMapLink,
  unresolved,
  withoutTrailingSlash,
  type ApiUnderCheck,
  type ConfigRulesInput,
} from './config-rules-input';

/** Each openid-config URL must be this tenant's discovery document on the configured authority. */
export function checkOpenIdConfig(input: ConfigRulesInput): ConfigFinding[] {
  return input.apis.flatMap((entry) => openIdConfigFindings(entry, input.tenant));
}

function openIdConfigFindings(entry: ApiUnderCheck, tenant: ConfigRulesInput['tenant']): ConfigFinding[] {
  const { api } = entry;
  const { authorityHost, tenantId } = tenant;
  const urls = [
    ...new Set([
      ...api.access.openIdConfigUrls,
      ...entry.operations.flatMap((op) => op.access.validations.flatMap((v) => v.openIdConfigUrls)),
    ]),
  ];
  const authority = withoutTrailingSlash(authorityHost).toLowerCase();
  return urls.map((url): ConfigFinding => {
    const text = url.toLowerCase();
    const base = {
      check: 'openid-config' as const,
      subject: api.displayName,
      apiId: api.id,
      appId: api.appId,
      operations: operationsListing(entry, (v) => v.openIdConfigUrls, url),
      link: roleMapLink(api.id),
    };
    if (unresolved(url)) {
      return {
        ...base,
        id: `openid-unknown:${api.id}:${url}`,
        status: 'warn',
        severity: 'low',
        title: 'The OpenID configuration URL uses a named value Roleport could not read',
        detail: url,
        fix: 'Give the named value a plain (not secret) value, or write the URL in the policy.',
      };
    }
    if (text.startsWith(`${authority}/${tenantId.toLowerCase()}/`)) {
      return {
        ...base,
        id: `openid-ok:${api.id}:${url}`,
        status: 'ok',
        title: 'validate-jwt reads this tenant’s signing keys',
        detail: url,
      };
    }
    const segment = /^https?:\/\/[^/]+\/([^/]+)\//i.exec(url)?.[1] ?? '';
    const onAuthority = text.startsWith(`${authority}/`);
    const sentences = onAuthority
      ? []
      : [
          `${url} is not on this tenant's authority (${authorityHost}); the gateway would trust keys and issuers of another cloud or environment.`,
        ];
    const who = onAuthority ? url : 'It';
    if (['common', 'organizations', 'consumers'].includes(segment.toLowerCase()))
      sentences.push(
        `${who} is the /${segment} document, not this tenant's (${tenantId}): its issuer holds the literal {tenantid}, so issuer checks fail or accept any tenant.`,
      );
    else if (segment.toLowerCase() !== tenantId.toLowerCase())
      sentences.push(`${who} names tenant ${segment}, not this tenant (${tenantId}); tokens this tenant issues will not validate.`);
    const detail = sentences.join(' ');
    return {
      ...base,
      id: `openid:${api.id}:${url}`,
      status: 'error',
      severity: 'high',
      title: 'validate-jwt points at another tenant’s OpenID configuration',
      detail,
      fix: `Use <openid-config url="${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration" /> in ${api.displayName}'s validate-jwt.`,
    };
  });
}

import 'server-only';
import type { EffectiveStep } from './effective-chain';
import { namedValuesIn } from './named-values';
import { policyValueReader } from './policy-value-reader';
import type { JwtValidation, TokenSource } from './jwt-validation';

// validate-azure-ad-token (learn.microsoft.com/azure/api-management/validate-azure-ad-token-policy): `tenant-id`,
// the token from `header-name` (default Authorization with the Bearer scheme), `query-parameter-name` or `token-value`;
// `<audiences>` and `<backend-application-ids>` name the accepted `aud` values, `<client-application-ids>` the accepted
// callers, `<required-claims>` as in validate-jwt. The issuers are Entra's own for the tenant, so none are listed.

export function readValidateAzureAdToken(
  step: EffectiveStep,
  values?: Readonly<Record<string, string>>,
): { validation: JwtValidation; notes: string[] } {
  const { element, scope } = step;
  const reader = policyValueReader(step, 'validate-azure-ad-token', values);
  const { read, list, notes } = reader;
  const a = element.attributes;
  const tokenSource: TokenSource =
    a['query-parameter-name'] !== undefined
      ? { kind: 'query', name: a['query-parameter-name'] }
      : a['token-value'] !== undefined
        ? { kind: 'expression', expression: a['token-value'] }
        : { kind: 'header', name: a['header-name'] ?? 'Authorization', scheme: 'Bearer' };
  const requiredClaims = reader.requiredClaims();
  const code = Number.parseInt(a['failed-validation-httpcode'] ?? '401', 10);
  const tenantId = read(a['tenant-id'] ?? '', 'tenant-id');
  const clientApplicationIds = list('client-application-ids', 'application-id', 'client application id');
  const audiences = [
    ...new Set([
      ...list('audiences', 'audience', 'audience'),
      ...list('backend-application-ids', 'application-id', 'backend application id'),
    ]),
  ];
  const validation: JwtValidation = {
    form: 'validate-azure-ad-token',
    scope,
    managedByRoleport: step.managedByRoleport,
    ...(step.fragmentId ? { fragmentId: step.fragmentId } : {}),
    tenantId,
    clientApplicationIds,
    tokenSource,
    failedValidationHttpCode: Number.isFinite(code) ? code : 401,
    ...(a['failed-validation-error-message'] !== undefined ? { failedValidationErrorMessage: a['failed-validation-error-message'] } : {}),
    ...(a['output-token-variable-name'] !== undefined ? { outputTokenVariableName: a['output-token-variable-name'] } : {}),
    openIdConfigUrls: [],
    audiences,
    issuers: [],
    requiredClaims,
    namedValues: reader.referencedNamedValues(),
    unresolvedNamedValues: [],
  };
  validation.unresolvedNamedValues = [
    ...new Set(
      [tenantId, ...clientApplicationIds, ...audiences, ...requiredClaims.flatMap((c) => [c.name, ...c.values])].flatMap(namedValuesIn),
    ),
  ];
  return { validation, notes };
}

import 'server-only';
import type { EffectiveStep } from './effective-chain';
import { namedValuesIn } from './named-values';
import { policyValueReader } from './policy-value-reader';
import type { PolicyElement, PolicyScope } from './policy-types';

export type TokenSource =
  { kind: 'header'; name: string; scheme?: string } | { kind: 'query'; name: string } | { kind: 'expression'; expression: string };

export interface RequiredClaim {
  name: string;
  /** APIM's default is `all`. */
  match: 'all' | 'any';
  separator?: string;
  values: string[];
}

/**
 * One token check, as Roleport stores it: a `validate-jwt`, or a `validate-azure-ad-token` (whose accepted audiences are
 * its `<audiences>` and `<backend-application-ids>`, and whose issuers are Entra's for `tenantId`). Text fields are
 * resolved from named values where a value was given.
 */
export interface JwtValidation {
  /** Absent for validate-jwt. */
  form?: 'validate-azure-ad-token';
  scope: PolicyScope;
  managedByRoleport: boolean;
  /** The policy fragment the check came from, when it was included. */
  fragmentId?: string;
  /** validate-azure-ad-token only. */
  tenantId?: string;
  clientApplicationIds?: string[];
  /** Null when the element names no token source (APIM rejects such a policy). */
  tokenSource: TokenSource | null;
  failedValidationHttpCode: number;
  failedValidationErrorMessage?: string;
  outputTokenVariableName?: string;
  openIdConfigUrls: string[];
  audiences: string[];
  issuers: string[];
  requiredClaims: RequiredClaim[];
  /** Every `{{named-value}}` the element refers to. */
  namedValues: string[];
  /** Those left as `{{…}}` because no value was supplied for them. */
  unresolvedNamedValues: string[];
}

export const elements = (parent: PolicyElement, name: string) =>
  parent.children.filter((c): c is PolicyElement => c.kind === 'element' && c.name === name);
export const textOf = (element: PolicyElement) =>
  element.children
    .map((c) => (c.kind === 'text' ? c.text : ''))
    .join('')
    .trim();
export function readValidateJwt(
  step: EffectiveStep,
  values?: Readonly<Record<string, string>>,
): { validation: JwtValidation; notes: string[] } {
  const { element, scope } = step;
  const reader = policyValueReader(step, 'validate-jwt', values);
  const { read, list, notes } = reader;
  const a = element.attributes;
  const tokenSource: TokenSource | null =
    a['header-name'] !== undefined
      ? { kind: 'header', name: a['header-name'], ...(a['require-scheme'] ? { scheme: a['require-scheme'] } : {}) }
      : a['query-parameter-name'] !== undefined
        ? { kind: 'query', name: a['query-parameter-name'] }
        : a['token-value'] !== undefined
          ? { kind: 'expression', expression: a['token-value'] }
          : null;
  const requiredClaims = reader.requiredClaims();
  const code = Number.parseInt(a['failed-validation-httpcode'] ?? '401', 10);
  const validation: JwtValidation = {
    scope,
    managedByRoleport: step.managedByRoleport,
    ...(step.fragmentId ? { fragmentId: step.fragmentId } : {}),
    tokenSource,
    failedValidationHttpCode: Number.isFinite(code) ? code : 401,
    ...(a['failed-validation-error-message'] !== undefined ? { failedValidationErrorMessage: a['failed-validation-error-message'] } : {}),
    ...(a['output-token-variable-name'] !== undefined ? { outputTokenVariableName: a['output-token-variable-name'] } : {}),
    openIdConfigUrls: elements(element, 'openid-config').map((e) => read(e.attributes.url ?? '', 'openid-config url')),
    audiences: list('audiences', 'audience', 'audience'),
    issuers: list('issuers', 'issuer', 'issuer'),
    requiredClaims,
    namedValues: reader.referencedNamedValues(),
    unresolvedNamedValues: [],
  };
  const unresolved = new Set(
    [validation.openIdConfigUrls, validation.audiences, validation.issuers, requiredClaims.flatMap((c) => [c.name, ...c.values])]
      .flat()
      .flatMap(namedValuesIn),
  );
  validation.unresolvedNamedValues = [...unresolved];
  return { validation, notes };
}

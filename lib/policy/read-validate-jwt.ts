import 'server-only';
import type { EffectiveStep } from './effective-chain';
import { SCOPE_LABEL } from './effective-chain';
import { namedValuesIn, resolveNamedValues } from './named-values';
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
const isExpression = (text: string) => /^@[({]/.test(text.trim());

export function readValidateJwt(
  step: EffectiveStep,
  values?: Readonly<Record<string, string>>,
): { validation: JwtValidation; notes: string[] } {
  const { element, scope } = step;
  const notes: string[] = [];
  const referenced = new Set<string>();
  const read = (raw: string, what: string): string => {
    namedValuesIn(raw).forEach((name) => referenced.add(name));
    if (isExpression(raw)) notes.push(`A validate-jwt at ${SCOPE_LABEL[scope]} scope computes its ${what} with an expression: ${raw}`);
    return resolveNamedValues(raw, values);
  };
  const a = element.attributes;
  const tokenSource: TokenSource | null =
    a['header-name'] !== undefined
      ? { kind: 'header', name: a['header-name'], ...(a['require-scheme'] ? { scheme: a['require-scheme'] } : {}) }
      : a['query-parameter-name'] !== undefined
        ? { kind: 'query', name: a['query-parameter-name'] }
        : a['token-value'] !== undefined
          ? { kind: 'expression', expression: a['token-value'] }
          : null;
  const list = (container: string, item: string, what: string) =>
    elements(element, container).flatMap((c) => elements(c, item).map((e) => read(textOf(e), what)));
  const requiredClaims = elements(element, 'required-claims').flatMap((container) =>
    elements(container, 'claim').map((claim) => ({
      name: read(claim.attributes.name ?? '', 'required claim name'),
      match: claim.attributes.match === 'any' ? ('any' as const) : ('all' as const),
      ...(claim.attributes.separator ? { separator: claim.attributes.separator } : {}),
      values: elements(claim, 'value').map((v) => read(textOf(v), 'required claim value')),
    })),
  );
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
    namedValues: [...referenced],
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

import 'server-only';
import type { EffectiveStep } from './effective-chain';
import { namedValuesIn } from './named-values';
import { policyValueReader } from './policy-value-reader';
import type { JwtValidation, TokenSource } from './jwt-validation';
import type { PolicyElement } from './policy-types';

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

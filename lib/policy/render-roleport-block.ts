import 'server-only';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { isPolicySafeRoleValue, POLICY_UNSAFE_ROLE_MESSAGE } from './policy-safe-value';
import { ROLEPORT_BEGIN, ROLEPORT_END } from './policy-types';

/** The token checks Roleport writes at API scope (authentication). */
export interface RoleportTokenCheck {
  /** e.g. https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration or `{{entra-openid-config-url}}`. */
  openIdConfigUrl: string;
  /** App ID URI and/or client id. */
  audiences: string[];
  /** v1 and/or v2 issuer forms. */
  issuers: string[];
}

export const escapeXmlAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const escapeXmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const unique = (values: readonly string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

function list(container: string, item: string, values: readonly string[]): string[] {
  const items = unique(values);
  if (items.length === 0) return [];
  return [`  <${container}>`, ...items.map((v) => `    <${item}>${escapeXmlText(v)}</${item}>`), `  </${container}>`];
}

function tokenCheckLines(check: Partial<RoleportTokenCheck>): string[] {
  return [
    ...(check.openIdConfigUrl ? [`  <openid-config url="${escapeXmlAttribute(check.openIdConfigUrl)}" />`] : []),
    ...list('audiences', 'audience', check.audiences ?? []),
    ...list('issuers', 'issuer', check.issuers ?? []),
  ];
}

/** Lines of the API-scope block, indented relative to its first line. */
export function apiBlockLines(check: RoleportTokenCheck): string[] {
  return [
    `<!-- ${ROLEPORT_BEGIN} -->`,
    '<validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401" ' +
      'failed-validation-error-message="Unauthorized. Access token is missing or invalid." output-token-variable-name="jwt">',
    ...tokenCheckLines(check),
    '</validate-jwt>',
    `<!-- ${ROLEPORT_END} -->`,
  ];
}

/**
 * Roles in the order Roleport writes them: trimmed, deduplicated, sorted. Every role Roleport writes into a policy passes
 * here, so a value APIM would read as a named value or an expression is refused here, whatever path it came by.
 */
export function canonicalRoles(roles: readonly string[]): string[] {
  const unsafe = roles.find((role) => !isPolicySafeRoleValue(role));
  if (unsafe !== undefined) throw new UserFacingError(`${POLICY_UNSAFE_ROLE_MESSAGE} (${unsafe.slice(0, 120)})`);
  return unique(roles).sort();
}

/** Lines of the operation-scope block: any one of `roles` is enough. */
export function operationBlockLines(roles: readonly string[], check: Partial<RoleportTokenCheck> = {}): string[] {
  const sorted = canonicalRoles(roles);
  const message = `Forbidden. This operation requires one of these app roles: ${sorted.join(', ')}.`;
  return [
    `<!-- ${ROLEPORT_BEGIN} -->`,
    '<validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="403" ' +
      `failed-validation-error-message="${escapeXmlAttribute(message)}">`,
    ...tokenCheckLines(check),
    '  <required-claims>',
    '    <claim name="roles" match="any">',
    ...sorted.map((role) => `      <value>${escapeXmlText(role)}</value>`),
    '    </claim>',
    '  </required-claims>',
    '</validate-jwt>',
    `<!-- ${ROLEPORT_END} -->`,
  ];
}

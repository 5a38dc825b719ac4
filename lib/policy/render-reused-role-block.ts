import 'server-only';
import { rawList, type AppTokenCheck } from './find-app-token-check';
import { ROLEPORT_BEGIN, ROLEPORT_END } from './policy-types';
import { canonicalRoles, escapeXmlAttribute, escapeXmlText } from './render-roleport-block';

// When the API already validates tokens for the mapped app, Roleport's operation-scope role check is written in the same
// form as that check and repeats its settings as written (named values stay `{{…}}`), adding only the roles claim.

const TOKEN_SOURCE = ['header-name', 'query-parameter-name', 'require-scheme'];
const AZURE_AD_SETTINGS = ['tenant-id', 'authentication-endpoint', ...TOKEN_SOURCE];

function attributes(check: AppTokenCheck, names: readonly string[]): string {
  return names
    .filter((name) => check.element.attributes[name] !== undefined)
    .map((name) => ` ${name}="${escapeXmlAttribute(check.element.attributes[name] as string)}"`)
    .join('');
}

function list(check: AppTokenCheck, container: string, item: string): string[] {
  const values = rawList(check.element, container, item);
  if (values.length === 0) return [];
  return [`  <${container}>`, ...values.map((v) => `    <${item}>${escapeXmlText(v)}</${item}>`), `  </${container}>`];
}

/** Lines of the operation-scope block in the form of `check`: any one of `roles` is enough, 403 otherwise. */
export function reusedOperationBlockLines(roles: readonly string[], check: AppTokenCheck): string[] {
  const sorted = canonicalRoles(roles);
  const message = `Forbidden. This operation requires one of these app roles: ${sorted.join(', ')}.`;
  const failure = ` failed-validation-httpcode="403" failed-validation-error-message="${escapeXmlAttribute(message)}"`;
  const claims = [
    '  <required-claims>',
    '    <claim name="roles" match="any">',
    ...sorted.map((role) => `      <value>${escapeXmlText(role)}</value>`),
    '    </claim>',
    '  </required-claims>',
  ];
  const body =
    check.form === 'validate-azure-ad-token'
      ? [
          `<validate-azure-ad-token${attributes(check, AZURE_AD_SETTINGS)}${failure}>`,
          ...list(check, 'client-application-ids', 'application-id'),
          ...list(check, 'backend-application-ids', 'application-id'),
          ...list(check, 'audiences', 'audience'),
          ...claims,
          '</validate-azure-ad-token>',
        ]
      : [
          `<validate-jwt${attributes(check, TOKEN_SOURCE)}${failure}>`,
          ...check.element.children
            .filter((c) => c.kind === 'element' && c.name === 'openid-config')
            .map((c) => `  <openid-config url="${escapeXmlAttribute(c.kind === 'element' ? (c.attributes.url ?? '') : '')}" />`),
          ...list(check, 'audiences', 'audience'),
          ...list(check, 'issuers', 'issuer'),
          ...claims,
          '</validate-jwt>',
        ];
  return [`<!-- ${ROLEPORT_BEGIN} -->`, ...body, `<!-- ${ROLEPORT_END} -->`];
}

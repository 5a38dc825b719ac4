// Policy documents of the demo service, written the way they look in real tenants: an API-scope
// validate-jwt, Roleport's generated per-operation role blocks, and hand-written choose/when checks.

const SECTIONS_TAIL = '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>';

export const GLOBAL_POLICY = '<policies><inbound /><backend><forward-request /></backend><outbound /><on-error /></policies>';

export interface ApiJwtOptions {
  /** Named values holding the accepted audiences. */
  audienceNames: string[];
  /** Issuers, named values allowed (`{{entra-issuer-v2}}`). */
  issuers: string[];
}

/** API scope: authenticate once (Entra discovery through a named value), expose the token as `jwt`. */
export function apiJwtPolicy(options: ApiJwtOptions): string {
  const audiences = options.audienceNames.map((n) => `<audience>{{${n}}}</audience>`).join('');
  const issuers = options.issuers.map((i) => `<issuer>${i}</issuer>`).join('');
  return (
    '<policies><inbound><base />' +
    '<validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized. Access token is missing or invalid." output-token-variable-name="jwt">' +
    '<openid-config url="{{entra-openid-config-url}}" />' +
    `<audiences>${audiences}</audiences><issuers>${issuers}</issuers>` +
    `</validate-jwt></inbound>${SECTIONS_TAIL}</policies>`
  );
}

/** Operation scope, as Roleport generates it: a second validate-jwt requiring any of the roles, 403 on failure. */
export function roleportOperationPolicy(roles: string[]): string {
  const values = roles.map((r) => `<value>${r}</value>`).join('');
  return (
    '<policies><inbound><base />' +
    '<!-- roleport:begin -->' +
    '<validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="403" failed-validation-error-message="Forbidden. The caller lacks a required app role.">' +
    '<openid-config url="{{entra-openid-config-url}}" />' +
    `<required-claims><claim name="roles" match="any">${values}</claim></required-claims>` +
    '</validate-jwt>' +
    '<!-- roleport:end -->' +
    `</inbound>${SECTIONS_TAIL}</policies>`
  );
}

/** Operation scope, hand-written style: a C# role check on the `jwt` variable, sent as rawxml. */
export function chooseRolePolicy(roles: string[]): string {
  const check = roles
    .map((r) => `((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("roles", "").Split(',').Contains("${r}")`)
    .join(' || ');
  return (
    '<policies><inbound><base />' +
    `<choose><when condition="@(!(${check}))">` +
    '<return-response><set-status code="403" reason="Forbidden" />' +
    '<set-header name="Content-Type" exists-action="override"><value>application/json</value></set-header>' +
    '<set-body>{"statusCode":403,"message":"Forbidden. Missing role."}</set-body>' +
    '</return-response></when></choose>' +
    `</inbound>${SECTIONS_TAIL}</policies>`
  );
}

/** Operation scope, hand-written style: required-claims on the roles claim without Roleport markers. */
export function requiredClaimsPolicy(roles: string[], audienceName: string, issuers: string[]): string {
  const values = roles.map((r) => `<value>${r}</value>`).join('');
  const issuerList = issuers.map((i) => `<issuer>${i}</issuer>`).join('');
  return (
    '<policies><inbound><base />' +
    '<validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="403">' +
    `<openid-config url="{{entra-openid-config-url}}" /><audiences><audience>{{${audienceName}}}</audience></audiences><issuers>${issuerList}</issuers>` +
    `<required-claims><claim name="roles" match="any">${values}</claim></required-claims>` +
    '</validate-jwt>' +
    `</inbound>${SECTIONS_TAIL}</policies>`
  );
}

/** Product scope for partners: a header every partner call must carry (checked before the API's policies). */
export const PARTNERS_PRODUCT_POLICY =
  '<policies><inbound><base />' +
  '<rate-limit calls="100" renewal-period="60" />' +
  '<set-header name="X-Partner-Channel" exists-action="override"><value>partners</value></set-header>' +
  `</inbound>${SECTIONS_TAIL}</policies>`;

// The bad-input corpus: each category is a list of values a hostile or broken client may send where a string is expected.
import { stableGuid } from '../../emulator/http/ids';
import { CLIENT_APPS, PARTNER_CLIENT_APP, USERS } from '../../emulator/seed/demo-tenant';

export interface BadInput {
  name: string;
  value: unknown;
}

const big = (n: number) => 'A'.repeat(n);

/** Values put where the endpoint expects a string (a field, an argument, a path segment or a query parameter). */
export const BAD_INPUTS: Record<string, BadInput[]> = {
  oversize: [
    { name: '10 kB', value: big(10_000) },
    { name: '300 kB', value: big(300_000) },
    { name: '4-byte chars × 50k', value: '😀'.repeat(50_000) },
  ],
  'control characters': [
    { name: 'NUL', value: 'abc\u0000def-justification' },
    { name: 'ESC sequence', value: '\u001b[31mred\u001b[0m justification' },
    { name: 'CR LF header split', value: 'line\r\nSet-Cookie: x=1' },
    { name: 'DEL and C1', value: 'text\u007f\u0085\u009b more text' },
  ],
  unicode: [
    { name: 'lone high surrogate', value: 'broken \ud800 surrogate text' },
    { name: 'lone low surrogate', value: 'broken \udc00 surrogate text' },
    { name: 'RTL override', value: 'invoice\u202Egnp.exe justification' },
    { name: 'zero-width', value: '\u200b\u200c\u200d\ufeffzero width' },
    { name: 'NFD', value: 'Cafe\u0301 re\u0301sume\u0301 justification' },
    { name: 'NFC', value: 'Café résumé justification' },
    { name: 'noncharacter', value: 'x\uffff\ufffe justification' },
  ],
  markup: [
    { name: 'script', value: '<script>window.__pwned=1</script> justification' },
    { name: 'img onerror', value: '<img src=x onerror="window.__pwned=1"> justification' },
    { name: 'javascript url', value: 'javascript:alert(1)//justification' },
    { name: 'template', value: '{{constructor.constructor("x")()}} ${7*7} justification' },
  ],
  'SQL and OData': [
    { name: 'or 1=1', value: "' or 1=1 --" },
    { name: 'union', value: "x' UNION SELECT * FROM audit_events --" },
    { name: 'OData $filter', value: "orders' or startswith(name,'')&$filter=true" },
    { name: 'OData quote', value: "o''rders') or (1 eq 1" },
    { name: 'semicolon drop', value: '1; DROP TABLE access_requests; --' },
  ],
  'prototype pollution': [
    { name: '__proto__ key', value: JSON.parse('{"__proto__":{"isAdmin":true},"polluted":1}') as unknown },
    { name: 'constructor.prototype', value: { constructor: { prototype: { isAdmin: true } } } },
    { name: '__proto__ string', value: '__proto__' },
    { name: 'constructor string', value: 'constructor.prototype' },
  ],
  'wrong types': [
    { name: 'number', value: 12345 },
    { name: 'negative float', value: -1.5 },
    { name: 'boolean', value: true },
    { name: 'null', value: null },
    { name: 'array', value: ['a', 'b'] },
    { name: 'object', value: { a: 1 } },
    { name: 'empty string', value: '' },
  ],
  'malformed ids': [
    { name: 'not a uuid', value: 'not-a-uuid' },
    { name: 'path traversal', value: '../../etc/passwd' },
    { name: 'encoded traversal', value: '..%2f..%2fetc%2fpasswd' },
    { name: 'bad percent-escape', value: '%E0%A4%A' },
    { name: 'lone percent', value: '100%' },
    { name: 'uuid with suffix', value: '00000000-0000-4000-8000-000000000000/../x' },
    { name: 'huge number', value: '99999999999999999999999999' },
  ],
};

export const BAD_INPUT_COUNT = Object.values(BAD_INPUTS).reduce((n, list) => n + list.length, 0);

/** A value for the request-for-an-app form's application (`clientSpId`) and the refusal it must get, word for word. */
export interface ClientSpIdInput extends BadInput {
  refusal: string;
}

const CHOOSE_CLIENT = 'Choose one of your applications, or enter a managed identity’s object id.';
const UNKNOWN_SP = '0e9d7c5b-3a1f-4e2d-8c6b-00000000dead';

/**
 * Application ids a request for an app may carry besides the caller's own app: malformed, of another type, someone
 * else's app, one Graph no longer has (a deleted service principal answers 404, as one never created does), an object
 * that is not a service principal, and apps registered in another tenant (a partner's multi-tenant app, Microsoft's own).
 * Sent as a developer who owns none of them, in an otherwise valid request for Orders.Read.
 */
export const CLIENT_SP_ID_INPUTS: ClientSpIdInput[] = [
  { name: 'malformed GUID', value: 'a7e3c1d9-0001-4b2f-8c6a-c0000000000', refusal: CHOOSE_CLIENT },
  { name: 'GUID with a path suffix', value: `${CLIENT_APPS[0].servicePrincipalId}/../owners`, refusal: CHOOSE_CLIENT },
  { name: 'huge string (300 kB)', value: big(300_000), refusal: CHOOSE_CLIENT },
  { name: 'number', value: 12345, refusal: CHOOSE_CLIENT },
  {
    name: 'another developer’s app (nightly-sync, Ada’s)',
    value: CLIENT_APPS[0].servicePrincipalId,
    refusal: 'You do not own nightly-sync',
  },
  {
    name: 'deleted or never-created service principal',
    value: UNKNOWN_SP,
    refusal: `There is no service principal ${UNKNOWN_SP} in this tenant; it may have been deleted.`,
  },
  {
    name: 'a user’s object id',
    value: USERS.ada.oid,
    refusal: `There is no service principal ${USERS.ada.oid} in this tenant`,
  },
  {
    name: 'a partner’s multi-tenant app',
    value: PARTNER_CLIENT_APP.servicePrincipalId,
    refusal: `Fabrikam Invoice Sync is registered in another tenant (${PARTNER_CLIENT_APP.homeTenantId})`,
  },
  {
    name: 'Microsoft Graph’s service principal',
    value: stableGuid('sp/microsoft-graph'),
    refusal: 'Microsoft Graph is registered in another tenant',
  },
];

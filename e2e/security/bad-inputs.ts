// The bad-input corpus: each category is a list of values a hostile or broken client may send where a string is expected.

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

// Rule: policy XML in either APIM format (escaped `xml` or raw `rawxml`) is read by a real parser, and bad XML is a clean error.
import { describe, expect, it } from 'vitest';
import { fixture, microsoftPolicyExamples } from '@/test/harness/policy-fixtures';
import { parsePolicy } from './parse-policy';
import type { PolicyElement } from './policy-types';

const parsed = (xml: string) => {
  const result = parsePolicy(xml);
  if (!result.ok) throw new Error(result.error);
  return result.doc;
};
const elementNames = (nodes: readonly { kind: string }[] | null) =>
  (nodes ?? []).filter((n): n is PolicyElement => n.kind === 'element').map((n) => n.name);

describe('parsePolicy', () => {
  const examples = microsoftPolicyExamples();

  it('finds Microsoft policy examples to read', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
    expect(examples.some((e) => e.format === 'rawxml')).toBe(true);
  });

  it.each(examples.map((e) => [e.label, e] as const))('reads %s', (_label, example) => {
    expect(parsePolicy(example.xml)).toMatchObject({ ok: true });
  });

  it('reads the sections as the API policy example has them, decoding entities', () => {
    const api = examples.find((e) => e.label.startsWith('ApiManagementGetApiPolicy.json'));
    const doc = parsed(api?.xml ?? '');
    expect(elementNames(doc.sections.inbound)).toEqual(['quota-by-key', 'base']);
    expect(elementNames(doc.sections.outbound)).toEqual(['log-to-eventhub', 'base']);
    expect(doc.sections['on-error']).toBeNull();
    const quota = doc.sections.inbound?.[0] as PolicyElement;
    expect(quota.attributes).toEqual({ calls: '5', bandwidth: '2', 'renewal-period': '\tP3Y6M4DT12H30M5S', 'counter-key': 'ba' });
    const log = doc.sections.outbound?.[0] as PolicyElement;
    expect(log.children[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('.Select(s => s[Random.Next(s.Length)])') });
  });

  it('reads the raw request and the escaped response of the rawxml example as the same document', () => {
    const raw = examples.find((e) => e.label === 'ApiManagementCreateApiPolicyNonXmlEncoded.json request');
    const escaped = examples.find((e) => e.label === 'ApiManagementCreateApiPolicyNonXmlEncoded.json response 200');
    expect(raw?.xml).toContain('h => h.Ke=="Via"');
    expect(escaped?.xml).toContain('h =&gt; h.Ke');
    expect(parsed(raw?.xml ?? '')).toEqual(parsed(escaped?.xml ?? ''));
  });

  it('reads raw expressions with quotes and generics inside attribute values like their escaped form', () => {
    expect(parsed(fixture('operation-choose-raw.xml'))).toEqual(parsed(fixture('operation-choose-escaped.xml')));
    const doc = parsed(fixture('operation-uninterpretable.xml'));
    const when = ((doc.sections.inbound?.[2] as PolicyElement).children[0] as PolicyElement).attributes.condition;
    expect(when).toBe('@(context.Variables.GetValueOrDefault<string>("tier") == "gold")');
  });

  it('keeps comments, which carry Roleport markers', () => {
    const doc = parsed('<policies><inbound><base /><!-- roleport:begin --><!-- roleport:end --></inbound></policies>');
    expect(doc.sections.inbound?.filter((n) => n.kind === 'comment')).toEqual([
      { kind: 'comment', text: ' roleport:begin ' },
      { kind: 'comment', text: ' roleport:end ' },
    ]);
  });

  it.each([
    ['an unclosed element', fixture('malformed.xml'), /not well-formed/],
    ['mismatched tags', '<policies><inbound></inbund></policies>', /not well-formed/],
    ['an undefined entity', '<policies><inbound>&nope;</inbound></policies>', /not well-formed/],
    [
      'an unbalanced expression',
      '<policies><inbound><set-variable name="x" value="@(1 + (2)" /></inbound></policies>',
      /unbalanced policy expression/,
    ],
    ['a foreign root', '<fragment><base /></fragment>', /root element is <fragment>/],
    ['two inbound sections', '<policies><inbound /><inbound /></policies>', /more than one <inbound>/],
    ['an empty string', '  ', /empty/],
    ['plain text', 'not xml at all', /not well-formed/],
  ])('returns a clean error for %s', (_what, xml, message) => {
    const result = parsePolicy(xml);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

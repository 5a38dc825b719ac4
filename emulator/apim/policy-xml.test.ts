// Rule: stored policies are byte-identical to what APIM returns for the same input (Microsoft's published examples).
import { describe, expect, it } from 'vitest';
import { loadExample } from '@/test/harness/example-shapes';
import { escapeRawExpressions } from './policy-expressions';
import { canonicalizePolicy, renderPolicy } from './policy-xml';

type Example = {
  parameters: { parameters?: { properties: { value: string; format: 'xml' | 'rawxml' } } };
  responses: Record<string, { body: { properties: { value: string } } }>;
};
const example = (name: string) => loadExample<Example>(`arm/${name}.json`);

describe('canonicalizePolicy', () => {
  it.each(['ApiManagementCreateApiPolicy', 'ApiManagementCreateApiPolicyNonXmlEncoded'])(
    'turns the request of %s into its published response',
    (name) => {
      const sample = example(name);
      const input = sample.parameters.parameters!.properties;
      expect(canonicalizePolicy(input.value, input.format)).toEqual({ ok: true, xml: sample.responses['200']?.body.properties.value });
    },
  );

  it('keeps a stored policy (comments, entities, mixed text) unchanged', () => {
    for (const name of ['ApiManagementGetApiPolicy', 'ApiManagementGetApiOperationPolicy', 'ApiManagementGetPolicy']) {
      const stored = example(name).responses['200']!.body.properties.value;
      expect(canonicalizePolicy(stored, 'xml')).toEqual({ ok: true, xml: stored });
    }
  });

  it('names the problem in invalid documents', () => {
    expect(canonicalizePolicy('<policies><inbound></policies>', 'xml')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not well formed'),
    });
    expect(canonicalizePolicy('not xml', 'xml')).toMatchObject({ ok: false });
    expect(canonicalizePolicy('<policies><inbound /><inbound /></policies>', 'xml')).toMatchObject({
      ok: false,
      message: "Section 'inbound' appears more than once.",
    });
    expect(canonicalizePolicy('<policies><set-header /></policies>', 'xml')).toMatchObject({
      ok: false,
      message: expect.stringContaining("'set-header'"),
    });
    // In xml format an unescaped expression is simply invalid XML.
    expect(canonicalizePolicy('<policies><inbound><choose><when condition="@(a["b"])" /></choose></inbound></policies>', 'xml').ok).toBe(
      false,
    );
    expect(
      canonicalizePolicy(
        '<policies><inbound><set-header name="a"><value>{{nope}}</value></set-header></inbound></policies>',
        'xml',
        () => false,
      ),
    ).toEqual({ ok: false, message: "Cannot find a property 'nope'" });
  });
});

describe('rawxml expressions', () => {
  it('escapes only expression bodies, across strings, chars and nesting', () => {
    expect(escapeRawExpressions('<a c="@(x["k"] < 2 && y)">t & u</a>')).toBe('<a c="@(x[&quot;k&quot;] &lt; 2 &amp;&amp; y)">t & u</a>');
    expect(escapeRawExpressions('<v>@{ var s = ")"; return s.Split(\'(\').Length > 1; }</v>')).toBe(
      "<v>@{ var s = &quot;)&quot;; return s.Split('(').Length &gt; 1; }</v>",
    );
    expect(escapeRawExpressions('<v>mail@(example)</v><v>a@b</v>')).toBe('<v>mail@(example)</v><v>a@b</v>');
  });

  it('renders a stored policy back with raw expressions', () => {
    const stored = canonicalizePolicy(
      '<policies><inbound><choose><when condition="@(a["b"] > 1)" /></choose></inbound></policies>',
      'rawxml',
    );
    expect(stored.ok && stored.xml).toContain('@(a[&quot;b&quot;] &gt; 1)');
    expect(renderPolicy(stored.ok ? stored.xml : '', 'rawxml')).toContain('condition="@(a["b"] > 1)"');
  });
});

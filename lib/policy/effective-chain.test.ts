// Rule: the effective inbound chain follows APIM's <base /> semantics across global, product, API and operation scopes.
import { describe, expect, it } from 'vitest';
import { effectiveInbound, type PolicyChain } from './effective-chain';
import { fixture } from '@/test/harness/policy-fixtures';
import { parsePolicy } from './parse-policy';
import type { PolicyDocument } from './policy-types';

const doc = (xml: string): PolicyDocument => {
  const result = parsePolicy(xml);
  if (!result.ok) throw new Error(result.error);
  return result.doc;
};
const inbound = (body: string) => doc(`<policies><inbound>${body}</inbound></policies>`);
const names = (chain: PolicyChain) => effectiveInbound(chain).steps.map((s) => `${s.scope}:${s.element.name}`);

describe('effectiveInbound', () => {
  const global = inbound('<cors /><ip-filter action="allow" />');
  const product = inbound('<base /><rate-limit calls="5" renewal-period="60" />');
  const api = inbound('<set-variable name="a" value="1" /><base /><validate-jwt header-name="Authorization" />');

  it('replaces each <base /> with the parent scope, wherever it stands', () => {
    const operation = inbound('<set-header name="x" /><base /><set-query-parameter name="q" />');
    expect(names({ global, product, api, operation })).toEqual([
      'operation:set-header',
      'api:set-variable',
      'global:cors',
      'global:ip-filter',
      'product:rate-limit',
      'api:validate-jwt',
      'operation:set-query-parameter',
    ]);
  });

  it('drops every broader scope when a scope has no <base />', () => {
    expect(names({ global, product, api, operation: doc(fixture('operation-no-base.xml')) })).toEqual(['operation:set-header']);
  });

  it('applies no product policy to a call made without a subscription', () => {
    const operation = inbound('<base />');
    expect(names({ global, api, operation })).toEqual(['api:set-variable', 'global:cors', 'global:ip-filter', 'api:validate-jwt']);
  });

  it('lets <base /> reach the next broader scope that has a policy', () => {
    expect(names({ global, operation: inbound('<base /><mock-response />') })).toEqual([
      'global:cors',
      'global:ip-filter',
      'operation:mock-response',
    ]);
    expect(names({ operation: inbound('<base /><mock-response />') })).toEqual(['operation:mock-response']);
  });

  it('keeps the parent chain for a policy without an inbound section, and says it assumed so', () => {
    const result = effectiveInbound({ global, operation: doc('<policies><outbound><base /></outbound></policies>') });
    expect(result.steps.map((s) => s.element.name)).toEqual(['cors', 'ip-filter']);
    expect(result.notes).toEqual([expect.stringContaining('operation policy has no <inbound> section')]);
  });

  it('marks statements inside Roleport markers', () => {
    const operation = inbound(
      '<base /><!-- roleport:begin --><validate-jwt header-name="Authorization" /><!-- roleport:end --><set-header name="x" />',
    );
    expect(effectiveInbound({ operation }).steps.map((s) => [s.element.name, s.managedByRoleport])).toEqual([
      ['validate-jwt', true],
      ['set-header', false],
    ]);
  });
});

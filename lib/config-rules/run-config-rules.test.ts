// Rule: each configuration invariant between policies and app registrations is checked once, named, and linked to its fix.
import { describe, expect, it } from 'vitest';
import { MISCONFIGURED_INDEX as INPUT } from '@/test/harness/config-index-fixture';
import type { ConfigRulesInput } from './config-rules-input';
import { runConfigRules } from './run-config-rules';

describe('runConfigRules', () => {
  const findings = runConfigRules(INPUT);
  const problems = (check: string) => findings.filter((f) => f.check === check && f.status !== 'ok');

  it('finds operations with no token validation, per API', () => {
    expect(problems('token-validation').map((f) => [f.apiId, f.operations])).toEqual([['orders', ['health']]]);
    expect(problems('token-validation')[0]?.link?.href).toBe('/admin/apis/orders/policy');
  });

  it('finds roles required but not defined, and roles defined but enforced nowhere', () => {
    expect(problems('required-role').map((f) => [f.apiId, f.title.includes('Orders.Admin'), f.operations])).toEqual([
      ['orders', true, ['purge']],
    ]);
    expect(problems('role-enforced').map((f) => [f.appId, f.title.includes('Orders.Audit')])).toEqual([['orders', true]]);
  });

  it('finds audiences that name no app registration and discovery documents outside the tenant', () => {
    expect(problems('audience').map((f) => [f.apiId, f.detail.includes('api://billing'), f.link?.href])).toEqual([
      ['billing', true, '/apis/billing'],
    ]);
    expect(problems('openid-config').map((f) => [f.apiId, f.operations])).toEqual([['billing', ['invoices']]]);
  });

  it('finds a v2-only issuer list on an app that issues v1 tokens, but accepts listing both', () => {
    expect(problems('issuer-version').map((f) => [f.apiId, f.operations])).toEqual([['inventory', ['stock']]]);
  });

  it('finds APIs with no mapped app registration', () => {
    expect(problems('app-mapped').map((f) => f.apiId)).toEqual(['billing']);
  });

  it('gives every finding a unique id', () => {
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  });

  it('finds no problem in a tidy index, and says what passed', () => {
    const tidy: ConfigRulesInput = { ...INPUT, apps: [INPUT.apps[1]!], apis: [INPUT.apis[3]!] };
    const all = runConfigRules(tidy);
    expect(all.filter((f) => f.status !== 'ok')).toEqual([]);
    expect(all.map((f) => f.check).sort()).toEqual(['audience', 'openid-config', 'required-role']);
  });
});

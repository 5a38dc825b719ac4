// Rule: Roleport rewrites only its own marked block in a policy; everything else stays byte for byte, and the result reads back as intended.
import { describe, expect, it } from 'vitest';
import { fixture, microsoftPolicyExamples } from '@/test/harness/policy-fixtures';
import { applyRoleportApiBlock, applyRoleportOperationBlock, PolicyEditError, removeRoleportBlock } from './generate-policy';
import { deriveAccessFromXml, roleMapFromPolicies } from './operation-access';
import { parsePolicy } from './parse-policy';

const CHECK = {
  openIdConfigUrl: '{{entra-openid-config-url}}',
  audiences: ['api://contoso-orders', 'c4a8e2d0-0001-4f5e-9b3a-a00000000001'],
  issuers: ['https://login.microsoftonline.com/{{tenant-id}}/v2.0', 'https://sts.windows.net/{{tenant-id}}/'],
};
const BLOCK = /\r?\n[ \t]*<!-- roleport:begin -->[\s\S]*?<!-- roleport:end -->/g;
const stripBlock = (xml: string) => xml.replace(BLOCK, '');
// APIM's `<inbound />` has to become an open element to hold a block; that expansion is the only other change.
function expectedOutsideBlock(original: string): string {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const indent = /(?:^|\n)([ \t]*)<inbound \/>/.exec(original)?.[1] ?? '';
  return original.replace('<inbound />', `<inbound>${eol}${indent}</inbound>`);
}

describe('applyRoleportOperationBlock', () => {
  it('writes a new document with <base /> in every section and a block that reads back as the roles given', () => {
    const xml = applyRoleportOperationBlock(null, ['Orders.Write', 'Orders.Admin', 'Orders.Write']);
    expect(xml).toMatchSnapshot();
    const access = deriveAccessFromXml({ api: applyRoleportApiBlock(null, CHECK), operation: xml });
    expect(access.requiredRoles).toEqual([['Orders.Admin', 'Orders.Write']]);
    expect(access.unknowns).toEqual([]);
    expect(access.validations.map((v) => [v.scope, v.failedValidationHttpCode, v.managedByRoleport])).toEqual([
      ['api', 401, true],
      ['operation', 403, true],
    ]);
    expect(access.validations[1]?.failedValidationErrorMessage).toContain('Orders.Admin, Orders.Write');
  });

  it('is stable and idempotent, whatever the order of the roles', () => {
    const once = applyRoleportOperationBlock(fixture('operation-choose-raw.xml'), ['B.Role', 'A.Role']);
    expect(applyRoleportOperationBlock(fixture('operation-choose-raw.xml'), ['A.Role', 'B.Role'])).toBe(once);
    expect(applyRoleportOperationBlock(once, ['B.Role', 'A.Role'])).toBe(once);
  });

  it('replaces its block in place and removes it when no roles are left', () => {
    const original = fixture('operation-choose-raw.xml');
    const first = applyRoleportOperationBlock(original, ['Orders.Admin']);
    const second = applyRoleportOperationBlock(first, ['Orders.Read', 'Orders.Write']);
    expect(roleMapFromPolicies({ del: first, list: second, none: original, missing: null })).toEqual({
      del: ['Orders.Admin'],
      list: ['Orders.Read', 'Orders.Write'],
      none: [],
      missing: [],
    });
    expect(stripBlock(second)).toBe(original);
    expect(applyRoleportOperationBlock(second, [])).toBe(original);
    expect(removeRoleportBlock(second)).toBe(original);
    expect(applyRoleportOperationBlock(original, [])).toBe(original);
  });

  it('keeps raw expressions, comments and attribute order untouched and inserts right after <base />', () => {
    const original = fixture('operation-uninterpretable.xml');
    const xml = applyRoleportOperationBlock(original, ['Orders.Admin']);
    expect(xml.indexOf('<!-- roleport:begin -->')).toBe(original.indexOf('<base />') + '<base />'.length + 5);
    expect(stripBlock(xml)).toBe(original);
    expect(deriveAccessFromXml({ operation: xml }).requiredRoles).toEqual([['Orders.Admin']]);
  });

  it('keeps a policy without <base /> without one, placing the block first', () => {
    const original = fixture('operation-no-base.xml');
    const xml = applyRoleportOperationBlock(original, ['X']);
    expect(xml).not.toContain('<base />\n    <!-- roleport');
    expect(xml.indexOf('roleport:begin')).toBeLessThan(xml.indexOf('<set-header'));
    expect(stripBlock(xml)).toBe(original);
  });

  it('adds an inheriting <inbound> section to a policy that has none', () => {
    const original = '<policies>\r\n  <outbound>\r\n    <base />\r\n  </outbound>\r\n</policies>';
    const xml = applyRoleportOperationBlock(original, ['X']);
    expect(xml.startsWith('<policies>\r\n  <inbound>\r\n    <base />\r\n    <!-- roleport:begin -->')).toBe(true);
    expect(xml.endsWith('<!-- roleport:end -->\r\n  </inbound>\r\n  <outbound>\r\n    <base />\r\n  </outbound>\r\n</policies>')).toBe(
      true,
    );
    expect(applyRoleportOperationBlock(xml, ['X'])).toBe(xml);
  });

  it('refuses to edit XML it cannot read or markers it cannot pair', () => {
    expect(() => applyRoleportOperationBlock(fixture('malformed.xml'), ['X'])).toThrow(PolicyEditError);
    expect(() => applyRoleportOperationBlock('<policies><inbound><!-- roleport:begin --></inbound></policies>', ['X'])).toThrow(
      /without roleport:end/,
    );
  });

  it('escapes role names for XML and reads them back', () => {
    const xml = applyRoleportOperationBlock(null, ['R&D.Read', 'A<B']);
    expect(parsePolicy(xml).ok).toBe(true);
    expect(deriveAccessFromXml({ operation: xml }).requiredRoles).toEqual([['A<B', 'R&D.Read']]);
  });
});

describe('Microsoft policy examples', () => {
  it.each(microsoftPolicyExamples().map((e) => [e.label, e.xml] as const))('keep everything outside the block: %s', (_label, original) => {
    const withApi = applyRoleportApiBlock(original, CHECK);
    const withRoles = applyRoleportOperationBlock(original, ['Orders.Admin']);
    for (const xml of [withApi, withRoles]) {
      expect(parsePolicy(xml).ok).toBe(true);
      expect(stripBlock(xml)).toBe(expectedOutsideBlock(original));
      expect(applyRoleportApiBlock(withApi, CHECK)).toBe(withApi);
      expect(applyRoleportOperationBlock(withRoles, ['Orders.Admin'])).toBe(withRoles);
    }
    expect(deriveAccessFromXml({ operation: withRoles }).requiredRoles).toEqual([['Orders.Admin']]);
    expect(deriveAccessFromXml({ api: withApi }).validations[0]).toMatchObject({
      audiences: CHECK.audiences,
      issuers: CHECK.issuers,
      openIdConfigUrls: [CHECK.openIdConfigUrl],
    });
  });
});

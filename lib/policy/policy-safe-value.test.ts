// Rule: Roleport never writes a named-value reference or an expression that came from directory data into a policy.
import { describe, expect, it } from 'vitest';
import { newAppRoleSchema, roleMapSchema } from '@/lib/policy-studio/role-map-schema';
import { applyRoleportOperationBlock } from './generate-policy';
import { canonicalRoles, operationBlockLines } from './render-roleport-block';

const UNSAFE = ['{{backend-key}}', 'Orders.{{tenant}}', 'x}}', '@(context.Variables["secret"])', '@{return "x";}'];

describe('role values written into policies', () => {
  it.each(UNSAFE)('refuses %s wherever Roleport renders a role check', (role) => {
    expect(() => canonicalRoles(['Orders.Read', role])).toThrow(/named value or an expression/);
    expect(() => operationBlockLines([role])).toThrow(/named value or an expression/);
    expect(() => applyRoleportOperationBlock(null, ['Orders.Read', role])).toThrow(/named value or an expression/);
  });

  it.each(UNSAFE)('refuses %s in the studio forms: the role map and a new app role', (role) => {
    expect(roleMapSchema.safeParse({ 'delete-order': [role] }).success).toBe(false);
    const added = newAppRoleSchema.safeParse({ apiId: 'orders', value: role, displayName: 'Bad', description: 'Bad role' });
    expect(added.success).toBe(false);
  });

  it('still writes ordinary role values, including ones with @ or braces inside', () => {
    expect(canonicalRoles(['Orders.Write', 'Orders.Read', 'team@contoso', 'Orders.{x}'])).toEqual([
      'Orders.Read',
      'Orders.Write',
      'Orders.{x}',
      'team@contoso',
    ]);
    expect(operationBlockLines(['Orders.Read']).join('\n')).toContain('<value>Orders.Read</value>');
  });
});

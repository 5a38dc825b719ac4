// Rule: "what the role allows" lists exactly the operations whose required role sets mention the role.
import { describe, expect, it } from 'vitest';
import { jwt, op } from '@/test/harness/config-index-fixture';
import { operationsRequiring } from './role-operations';

/** An operation behind a validate-jwt that requires these role sets. */
const operation = (id: string, requiredRoles: string[][]) => op(id, [jwt()], requiredRoles);

describe('operationsRequiring', () => {
  const operations = [
    operation('list', [['Orders.Admin', 'Orders.Read']]),
    operation('delete', [['Orders.Admin', 'Orders.Write'], ['Orders.Audit']]),
    operation('status', []),
  ];

  it('lists the operations a role appears in, with the other sets still needed', () => {
    expect(operationsRequiring(operations, 'Orders.Read').map((op) => op.id)).toEqual(['list']);
    expect(operationsRequiring(operations, 'Orders.Write')).toEqual([
      { id: 'delete', method: 'GET', urlTemplate: '/delete', displayName: 'delete', alsoNeeds: [['Orders.Audit']] },
    ]);
    expect(operationsRequiring(operations, 'Orders.Admin').map((op) => op.id)).toEqual(['list', 'delete']);
  });

  it('lists nothing for a role no operation checks, and never an operation that checks no role', () => {
    expect(operationsRequiring(operations, 'Orders.Export')).toEqual([]);
  });
});

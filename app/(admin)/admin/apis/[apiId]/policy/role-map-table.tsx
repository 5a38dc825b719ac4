import { MethodBadge } from '@/components/catalog/method-badge';
import { RoleSets } from '@/components/policy/role-sets';
import { Table } from '@/components/ui/table';
import type { RoleMapOperation } from '@/lib/policy-studio/load-role-map';
import type { RoleMap } from '@/lib/policy-studio/studio-types';

/** Operations down, roles across: a checked box means the role passes the operation's check; edited rows are tinted. */
export function RoleMapTable({
  operations,
  roles,
  definedRoles,
  map,
  edited,
  onToggle,
}: {
  operations: RoleMapOperation[];
  roles: string[];
  definedRoles: string[];
  map: RoleMap;
  edited: RoleMap;
  onToggle: (operationId: string, role: string, on: boolean) => void;
}) {
  const columns = [
    { label: 'Operation' },
    { label: 'Enforced now' },
    ...roles.map((role) => ({
      label: (
        <>
          {role}
          {definedRoles.includes(role) ? null : <span className="block font-sans text-rose-700 dark:text-rose-400">not defined</span>}
        </>
      ),
      className: 'text-center font-mono',
    })),
  ];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <Table
        caption="Roles each operation accepts"
        columns={columns}
        density="grid"
        className="text-sm"
        headClassName="bg-slate-50 dark:bg-slate-900"
      >
        {operations.map((op) => (
          <tr key={op.id} data-operation={op.id} className={edited[op.id] ? 'bg-amber-50 dark:bg-amber-950/40' : undefined}>
            <td>
              <div className="flex items-center gap-2">
                <MethodBadge method={op.method} />
                <span className="font-mono text-xs">{op.urlTemplate}</span>
              </div>
              <div className="text-xs muted">
                {op.displayName} · {op.id}
              </div>
            </td>
            <td>
              <RoleSets sets={op.enforced} validatesToken={op.validatesToken} />
            </td>
            {roles.map((role) => (
              <td key={role} className="text-center">
                <input
                  type="checkbox"
                  // Named by what the row shows (method and path), which is how the person finds the operation.
                  aria-label={`${role} allows ${op.method} ${op.urlTemplate}`}
                  checked={(map[op.id] ?? []).includes(role)}
                  onChange={(e) => onToggle(op.id, role, e.target.checked)}
                  className="h-4 w-4"
                />
              </td>
            ))}
          </tr>
        ))}
      </Table>
    </div>
  );
}

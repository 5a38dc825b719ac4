'use client';

import { useMemo, useState } from 'react';
import { MethodBadge } from '@/components/catalog/method-badge';
import { RoleSets } from '@/components/policy/role-sets';
import type { RoleMapOperation } from '@/lib/policy-studio/load-role-map';
import type { RoleMap } from '@/lib/policy-studio/studio-types';
import { BulkActions } from './bulk-actions';
import { PlanPreview } from './plan-preview';
import { UserAccessPreview } from './user-access-preview';

const sameRoles = (a: string[] = [], b: string[] = []) => a.length === b.length && [...a].sort().every((r, i) => r === [...b].sort()[i]);

export function RoleMapEditor(props: {
  apiId: string;
  operations: RoleMapOperation[];
  roles: string[];
  initialMap: RoleMap;
  canGenerate: boolean;
}) {
  const { apiId, operations, initialMap } = props;
  const [map, setMap] = useState<RoleMap>(initialMap);
  // Roles the map uses that the app does not define stay visible as columns, so they can be unchecked.
  const roles = useMemo(() => [...new Set([...props.roles, ...Object.values(map).flat()])].sort(), [props.roles, map]);
  const edited = useMemo(
    () => Object.fromEntries(Object.entries(map).filter(([id, r]) => !sameRoles(r, initialMap[id]))),
    [map, initialMap],
  );

  const toggle = (operationId: string, role: string, on: boolean) =>
    setMap((m) => ({
      ...m,
      [operationId]: on ? [...new Set([...(m[operationId] ?? []), role])] : (m[operationId] ?? []).filter((r) => r !== role),
    }));

  return (
    <section aria-label="Role map">
      <BulkActions operations={operations} roles={roles} onChange={(update) => setMap((m) => update(m))} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs text-slate-500 dark:bg-slate-900">
            <tr>
              <th className="px-3 py-2">Operation</th>
              <th className="px-3 py-2">Enforced now</th>
              {roles.map((role) => (
                <th key={role} className="px-3 py-2 text-center font-mono">
                  {role}
                  {props.roles.includes(role) ? null : (
                    <span className="block font-sans text-rose-700 dark:text-rose-400">not defined</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {operations.map((op) => (
              <tr
                key={op.id}
                data-operation={op.id}
                className={`border-t border-slate-200 dark:border-slate-800 ${edited[op.id] ? 'bg-amber-50 dark:bg-amber-950/40' : ''}`}
              >
                <td className="px-3 py-2">
                  <div className="flex items-center gap-2">
                    <MethodBadge method={op.method} />
                    <span className="font-mono text-xs">{op.urlTemplate}</span>
                  </div>
                  <div className="text-xs text-slate-500">
                    {op.displayName} · {op.id}
                  </div>
                </td>
                <td className="px-3 py-2">
                  <RoleSets sets={op.enforced} validatesToken={op.validatesToken} />
                </td>
                {roles.map((role) => (
                  <td key={role} className="px-3 py-2 text-center">
                    <input
                      type="checkbox"
                      aria-label={`${role} allows ${op.id}`}
                      checked={(map[op.id] ?? []).includes(role)}
                      onChange={(e) => toggle(op.id, role, e.target.checked)}
                      className="h-4 w-4"
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        An operation with no role checked keeps only the API&apos;s token check (any valid token). Hand-written checks outside
        Roleport&apos;s block stay in force.
      </p>
      <div className="mt-4 flex items-center gap-3">
        <button
          type="button"
          onClick={() => setMap(initialMap)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
        >
          Reset
        </button>
        <span className="text-sm text-slate-600 dark:text-slate-400">{Object.keys(edited).length} operations edited</span>
      </div>
      {props.canGenerate ? <PlanPreview apiId={apiId} edited={edited} /> : null}
      {props.canGenerate ? <UserAccessPreview apiId={apiId} map={map} /> : null}
    </section>
  );
}

'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { RoleMapOperation } from '@/lib/policy-studio/load-role-map';
import type { RoleMap } from '@/lib/policy-studio/studio-types';
import { BulkActions } from './bulk-actions';
import { PlanPreview } from './plan-preview';
import { RoleMapTable } from './role-map-table';
import { UserAccessPreview } from './user-access-preview';
import { plural } from '@/lib/text/plural';

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
      <RoleMapTable operations={operations} roles={roles} definedRoles={props.roles} map={map} edited={edited} onToggle={toggle} />
      <p className="mt-2 text-xs muted">
        An operation with no role checked keeps only the API&apos;s token check (any valid token). Hand-written checks outside
        Roleport&apos;s block stay in force.
      </p>
      <div className="mt-4 flex items-center gap-3">
        <Button onClick={() => setMap(initialMap)}>Reset</Button>
        <span className="text-sm supporting-text">{plural(Object.keys(edited).length, 'operation')} edited</span>
      </div>
      {props.canGenerate ? <PlanPreview apiId={apiId} edited={edited} /> : null}
      {props.canGenerate ? <UserAccessPreview apiId={apiId} map={map} /> : null}
    </section>
  );
}

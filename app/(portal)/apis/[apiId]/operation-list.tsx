import { MethodBadge } from '@/components/catalog/method-badge';
import { RoleChip } from '@/components/catalog/role-chip';
import { TryItLink } from '@/components/console/try-it-link';
import type { IndexedOperation } from '@/lib/catalog/catalog-types';
import { allows } from '@/lib/policy/role-requirements';
import { ParametersTable } from './parameters-table';

function Requirement({ op, heldValues }: { op: IndexedOperation; heldValues: string[] }) {
  const { access } = op;
  if (!access.validatesToken) return <span className="text-xs warning-text">No token validation</span>;
  if (access.requiredRoles.length === 0) return <span className="text-xs muted">Any valid token (no role check)</span>;
  const allowed = allows(access, heldValues);
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="required-roles">
      {access.requiredRoles.map((set, i) => (
        <span key={set.join(',')} className="muted flex flex-wrap items-center gap-1 text-xs">
          {i > 0 ? <span>and</span> : null}
          {set.length > 1 ? <span>one of</span> : null}
          {set.map((role) => (
            <RoleChip key={role} value={role} held={heldValues.includes(role)} />
          ))}
        </span>
      ))}
      <span className={`text-xs font-medium ${allowed ? 'success-text' : 'muted'}`}>
        {allowed ? 'You can call this' : 'You cannot call this yet'}
      </span>
    </div>
  );
}

export function OperationList({ apiId, operations, heldValues }: { apiId: string; operations: IndexedOperation[]; heldValues: string[] }) {
  const groups = new Map<string, IndexedOperation[]>();
  for (const op of operations) groups.set(op.tag ?? 'Operations', [...(groups.get(op.tag ?? 'Operations') ?? []), op]);
  return (
    <div className="flex flex-col gap-6">
      {[...groups].map(([tag, ops]) => (
        <section key={tag} aria-label={tag}>
          <h3 className="mb-2 text-sm font-semibold supporting-text">{tag}</h3>
          <ul className="list-panel">
            {ops.map((op) => (
              <li key={op.id} className="p-4" data-testid="operation" data-operation-id={op.id}>
                <div className="flex flex-wrap items-center gap-3">
                  <MethodBadge method={op.method} />
                  <code className="font-mono text-sm">{op.urlTemplate}</code>
                  <span className="text-sm font-medium">{op.displayName}</span>
                  <TryItLink apiId={apiId} operationId={op.id} />
                </div>
                {op.description ? <p className="mt-1 text-sm supporting-text">{op.description}</p> : null}
                <div className="mt-2">
                  <Requirement op={op} heldValues={heldValues} />
                </div>
                {op.access.unknowns.length > 0 ? (
                  <ul className="mt-2 list-disc pl-5 text-xs warning-text">
                    {op.access.unknowns.map((note) => (
                      <li key={note}>{note}</li>
                    ))}
                  </ul>
                ) : null}
                <ParametersTable operation={op} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

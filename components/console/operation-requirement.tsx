import { RoleChip } from '@/components/catalog/role-chip';
import { Notice } from '@/components/ui/notice';
import type { OperationAccess } from '@/lib/policy/role-requirements';

/** What the operation requires, and whether the user's roles meet it, before anything is sent. */
export function OperationRequirement({ access, allowed, heldValues }: { access: OperationAccess; allowed: boolean; heldValues: string[] }) {
  if (!access.validatesToken)
    return <Notice tone="info">This operation does not validate a token: the gateway lets any caller through.</Notice>;
  if (access.requiredRoles.length === 0) return <Notice tone="info">Any valid token for this API is accepted; no role is checked.</Notice>;
  const needs = (
    <span className="inline-flex flex-wrap items-center gap-1">
      {access.requiredRoles.map((set, i) => (
        <span key={set.join(',')} className="inline-flex flex-wrap items-center gap-1">
          {i > 0 ? <span>and</span> : null}
          {set.length > 1 ? <span>one of</span> : null}
          {set.map((role) => (
            <RoleChip key={role} value={role} held={heldValues.includes(role)} />
          ))}
        </span>
      ))}
    </span>
  );
  return allowed ? (
    <Notice tone="success" title="Your roles allow this operation">
      Requires {needs}
    </Notice>
  ) : (
    <div data-testid="operation-not-allowed">
      <Notice tone="warn" title="Your roles do not allow this operation">
        It requires {needs}. You can still send it to see how the gateway refuses it and why.
      </Notice>
    </div>
  );
}

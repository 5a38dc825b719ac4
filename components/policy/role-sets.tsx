import { RoleChip } from '@/components/catalog/role-chip';

/** What a policy requires: one role from every set (AND of OR-sets), or a plain word when no role is needed. */
export function RoleSets({ sets, validatesToken }: { sets: string[][]; validatesToken: boolean }) {
  if (!validatesToken) return <span className="text-xs font-medium text-rose-700 dark:text-rose-400">No token check</span>;
  if (sets.length === 0) return <span className="text-xs muted">Any valid token</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {sets.map((set, i) => (
        <span key={set.join('|')} className="inline-flex flex-wrap items-center gap-1">
          {i > 0 ? <span className="text-xs muted">and</span> : null}
          {set.map((role, j) => (
            <span key={role} className="inline-flex items-center gap-1">
              {j > 0 ? <span className="text-xs muted">or</span> : null}
              <RoleChip value={role} />
            </span>
          ))}
        </span>
      ))}
    </span>
  );
}

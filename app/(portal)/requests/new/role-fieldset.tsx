import { useId } from 'react';
import type { RequestableRole } from '@/lib/approvals/requestable-roles';
import { RoleOption } from './role-option';

/** The choice of role, one radio card per role; a missing choice is described on the group. */
export function RoleFieldset({
  apiId,
  apiName,
  roles,
  roleId,
  error,
  onChoose,
}: {
  apiId: string;
  apiName: string;
  roles: RequestableRole[];
  roleId: string;
  error?: string;
  onChoose: (roleId: string) => void;
}) {
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="mb-2 text-sm font-semibold">Role on {apiName}</legend>
      <ul className="space-y-2">
        {roles.map((r) => (
          <RoleOption
            key={r.id}
            apiId={apiId}
            role={r}
            checked={roleId === r.id}
            invalid={Boolean(error)}
            onChoose={() => onChoose(r.id)}
          />
        ))}
      </ul>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-rose-700 dark:text-rose-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

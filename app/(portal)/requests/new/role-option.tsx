import Link from 'next/link';
import { RoleOperationsList } from '@/components/access/role-operations-list';
import type { RequestableRole } from '@/lib/approvals/requestable-roles';
import { roleRequestState } from '@/lib/approvals/role-request-state';
import { renewalHref } from '@/lib/requests/renewal-href';

// What approving it takes, worded as on the API page (held and open requests are said below the card).
const approvalText = (role: RequestableRole) => roleRequestState({ ...role, held: false, openRequest: null }).text;

function unavailable(role: RequestableRole): string | null {
  if (role.held) return role.held === 'group' ? 'You hold this role through a group.' : 'You already hold this role.';
  if (role.openRequest) return `You already have a ${role.openRequest.status} request for it.`;
  return null;
}

/** One requestable role as a radio card: what approving it takes, why it cannot be chosen, and what it allows. */
export function RoleOption({
  apiId,
  role,
  checked,
  invalid,
  onChoose,
}: {
  apiId: string;
  role: RequestableRole;
  checked: boolean;
  /** No role was chosen: every choosable radio is marked, so focus can land on the first. */
  invalid: boolean;
  onChoose: () => void;
}) {
  const blocked = unavailable(role);
  return (
    <li
      data-testid="requestable-role"
      data-role={role.value}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <label className="flex items-start gap-3">
        <input
          type="radio"
          name="roleId"
          value={role.id}
          checked={checked}
          disabled={blocked !== null}
          aria-invalid={invalid && blocked === null ? true : undefined}
          onChange={onChoose}
          className="mt-1"
        />
        <span className="flex-1">
          <span className="font-mono text-sm font-medium">{role.value}</span>{' '}
          <span className="text-xs supporting-text">{role.description || role.displayName}</span>
          <span className="mt-1 block text-xs font-medium" data-testid="approval-path">
            {approvalText(role)}
          </span>
        </span>
      </label>
      {blocked ? (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300" data-testid="role-unavailable">
          {blocked}{' '}
          {role.renewal && !role.renewal.pendingRequestId ? (
            <Link className="underline" href={renewalHref(apiId, role.id, role.renewal.grantId)}>
              It ends on {role.renewal.expiresAt.slice(0, 10)}: renew it
            </Link>
          ) : role.openRequest ? (
            <Link className="underline" href={`/requests/${encodeURIComponent(role.openRequest.id)}`}>
              View the request
            </Link>
          ) : null}
        </p>
      ) : null}
      <div className="mt-2 pl-7">
        <RoleOperationsList operations={role.allows} roleValue={role.value} />
      </div>
    </li>
  );
}

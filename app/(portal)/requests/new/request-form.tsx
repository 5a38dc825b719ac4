'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionMessage } from '@/components/access/action-message';
import { RoleOperationsList } from '@/components/access/role-operations-list';
import type { RequestableRole } from '@/lib/approvals/requestable-roles';
import { JUSTIFICATION_MAX, requestSchema } from '@/lib/requests/request-schema';
import { submitRequestAction } from '../actions';

const FIELD = 'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900';

function approvalText(role: RequestableRole): string {
  if (role.autoApprove) return 'Approved automatically';
  return role.stages === 2 ? 'Needs two approvals (two different approvers)' : 'Needs one approval';
}

function unavailable(role: RequestableRole): string | null {
  if (role.held) return role.held === 'group' ? 'You hold this role through a group.' : 'You already hold this role.';
  if (role.openRequest) return `You already have a ${role.openRequest.status} request for it.`;
  return null;
}

export interface RequestFormProps {
  apiId: string;
  apiName: string;
  roles: RequestableRole[];
  initialRoleId?: string;
  /** Made once per render of the page, so posting this form twice records one request. */
  submissionId: string;
}

export function RequestForm({ apiId, apiName, roles, initialRoleId, submissionId }: RequestFormProps) {
  const router = useRouter();
  const [roleId, setRoleId] = useState(initialRoleId ?? '');
  const [justification, setJustification] = useState('');
  const [duration, setDuration] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const role = roles.find((r) => r.id === roleId);
  const durations = role?.durations ?? [];
  const days = duration || (durations.length > 0 ? String(Math.max(...durations)) : '');

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { apiId, roleId, justification, durationDays: days || undefined, submissionId };
    const parsed = requestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = await submitRequestAction(input);
      if (result.ok) router.push(`/requests/${encodeURIComponent(result.value.requestId)}`);
      else setMessage({ ok: false, text: result.error });
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={`Request a role of ${apiName}`}>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Role on {apiName}</legend>
        <ul className="space-y-2">
          {roles.map((r) => {
            const blocked = unavailable(r);
            return (
              <li
                key={r.id}
                data-testid="requestable-role"
                data-role={r.value}
                className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
              >
                <label className="flex items-start gap-3">
                  <input
                    type="radio"
                    name="roleId"
                    value={r.id}
                    checked={roleId === r.id}
                    disabled={blocked !== null}
                    onChange={() => {
                      setRoleId(r.id);
                      setDuration('');
                    }}
                    className="mt-1"
                  />
                  <span className="flex-1">
                    <span className="font-mono text-sm font-medium">{r.value}</span>{' '}
                    <span className="text-xs text-slate-600 dark:text-slate-400">{r.description || r.displayName}</span>
                    <span className="mt-1 block text-xs font-medium" data-testid="approval-path">
                      {approvalText(r)}
                    </span>
                  </span>
                </label>
                {blocked ? (
                  <p className="mt-2 text-xs text-amber-800 dark:text-amber-300" data-testid="role-unavailable">
                    {blocked}{' '}
                    {r.openRequest ? (
                      <Link className="underline" href={`/requests/${encodeURIComponent(r.openRequest.id)}`}>
                        View the request
                      </Link>
                    ) : null}
                  </p>
                ) : null}
                <div className="mt-2 pl-7">
                  <RoleOperationsList operations={r.allows} roleValue={r.value} />
                </div>
              </li>
            );
          })}
        </ul>
        {errors.roleId ? <p className="mt-1 text-sm text-rose-700 dark:text-rose-400">{errors.roleId}</p> : null}
      </fieldset>

      <label className="block text-sm font-semibold">
        Justification
        <textarea
          name="justification"
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          rows={4}
          maxLength={JUSTIFICATION_MAX + 200}
          aria-invalid={errors.justification ? true : undefined}
          placeholder="What you are building and why it needs this role"
          className={`${FIELD} mt-1 font-normal`}
        />
        <span className="mt-1 block text-xs font-normal text-slate-500">
          {justification.trim().length} / {JUSTIFICATION_MAX} characters; the approver reads this.
        </span>
        {errors.justification ? (
          <span className="mt-1 block text-sm font-normal text-rose-700 dark:text-rose-400">{errors.justification}</span>
        ) : null}
      </label>

      {role && durations.length > 0 ? (
        <label className="block max-w-xs text-sm font-semibold">
          Duration
          <select name="durationDays" value={days} onChange={(e) => setDuration(e.target.value)} className={`${FIELD} mt-1 font-normal`}>
            {durations.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
          {errors.durationDays ? (
            <span className="mt-1 block text-sm font-normal text-rose-700 dark:text-rose-400">{errors.durationDays}</span>
          ) : null}
        </label>
      ) : null}

      <div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? 'Submitting…' : 'Submit request'}
        </button>
        <ActionMessage message={message} />
      </div>
    </form>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionMessage } from '@/components/access/action-message';
import { approvalRuleSchema } from '@/lib/approvals/approval-rule-schema';
import { saveApprovalRuleAction } from './actions';

const FIELD = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';

export interface RuleFormProps {
  apiId: string;
  roles: string[];
  /** Groups that hold a role of the app in Entra: a grant through a group needs one. */
  groups: { groupId: string; groupName: string; roleValue: string }[];
  initial?: { roleValue: string | null; autoApprove: boolean; stages: 1 | 2; maxDays: number | null; groupId: string | null };
}

/** Edits one rule; the role is fixed when editing, chosen when adding. */
export function RuleForm({ apiId, roles, groups, initial }: RuleFormProps) {
  const router = useRouter();
  const [roleValue, setRoleValue] = useState(initial?.roleValue ?? '');
  const [autoApprove, setAutoApprove] = useState(initial?.autoApprove ?? false);
  const [stages, setStages] = useState(String(initial?.stages ?? 1));
  const [maxDays, setMaxDays] = useState(initial ? (initial.maxDays === null ? '' : String(initial.maxDays)) : '90');
  const [groupId, setGroupId] = useState(initial?.groupId ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const roleGroups = groups.filter((g) => g.roleValue === roleValue);

  function save(event: React.FormEvent) {
    event.preventDefault();
    const input = { apiId, roleValue, autoApprove, stages, maxDays, groupId };
    const parsed = approvalRuleSchema.safeParse(input);
    if (!parsed.success) return setMessage({ ok: false, text: parsed.error.issues[0]?.message ?? 'The rule is not valid.' });
    startTransition(async () => {
      const result = await saveApprovalRuleAction(input);
      setMessage(result.ok ? { ok: true, text: result.value } : { ok: false, text: result.error });
      if (result.ok) router.refresh();
    });
  }

  return (
    <form
      onSubmit={save}
      className="flex flex-wrap items-end gap-3 text-xs font-medium"
      aria-label={initial ? `Edit the rule for ${initial.roleValue ?? 'the API'}` : 'Add a rule'}
    >
      <label className="flex flex-col gap-1">
        Applies to
        <select
          value={roleValue}
          disabled={initial !== undefined}
          onChange={(e) => {
            setRoleValue(e.target.value);
            setGroupId('');
          }}
          className={FIELD}
        >
          <option value="">Every role of the API</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 pb-2">
        <input type="checkbox" checked={autoApprove} onChange={(e) => setAutoApprove(e.target.checked)} />
        Auto-approve
      </label>
      <label className="flex flex-col gap-1">
        Approvals
        <select value={stages} disabled={autoApprove} onChange={(e) => setStages(e.target.value)} className={FIELD}>
          <option value="1">One stage</option>
          <option value="2">Two stages</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Maximum days (blank: no limit)
        <input type="number" min={1} max={3650} value={maxDays} onChange={(e) => setMaxDays(e.target.value)} className={`${FIELD} w-28`} />
      </label>
      <label className="flex flex-col gap-1">
        Grant through group
        <select value={groupId} disabled={roleValue === ''} onChange={(e) => setGroupId(e.target.value)} className={FIELD}>
          <option value="">No — assign directly</option>
          {roleGroups.map((g) => (
            <option key={g.groupId} value={g.groupId}>
              {g.groupName}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {initial ? 'Save' : 'Add rule'}
      </button>
      <div className="basis-full">
        <ActionMessage message={message} />
      </div>
    </form>
  );
}

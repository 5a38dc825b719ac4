'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { HydrationGate } from '@/components/ui/hydration-gate';
import { saveApprovalRuleAction } from './actions';
import { RuleChoiceField } from './rule-choice-field';

export interface RuleFormProps {
  apiId: string;
  roles: string[];
  /** Groups that hold a role of the app in Entra: a grant through a group needs one. */
  groups: { groupId: string; groupName: string; roleValue: string }[];
  initial?: { roleValue: string | null; autoApprove: boolean; stages: 1 | 2; maxDays: number | null; groupId: string | null };
}

/** Edits one rule; the role is fixed when editing, chosen when adding. */
export function RuleForm({ apiId, roles, groups, initial }: RuleFormProps) {
  const [roleValue, setRoleValue] = useState(initial?.roleValue ?? '');
  const [autoApprove, setAutoApprove] = useState(initial?.autoApprove ?? false);
  const [stages, setStages] = useState(String(initial?.stages ?? 1));
  const [maxDays, setMaxDays] = useState(initial ? (initial.maxDays === null ? '' : String(initial.maxDays)) : '90');
  const [groupId, setGroupId] = useState(initial?.groupId ?? '');
  const { message, pending, run } = useActionRunner();
  const roleGroups = groups.filter((g) => g.roleValue === roleValue);

  function save(event: React.FormEvent) {
    event.preventDefault();
    const input = { apiId, roleValue, autoApprove, stages, maxDays, groupId };
    // Checked by the action alone (saveApprovalRule's schema; its first issue is the message shown): the schema would
    // put all of zod in this form's bundle.
    run(() => saveApprovalRuleAction(input));
  }

  return (
    <form
      onSubmit={save}
      className="flex flex-wrap items-end gap-3 text-xs font-medium"
      aria-label={initial ? `Edit the rule for ${initial.roleValue ?? 'the API'}` : 'Add a rule'}
    >
      <HydrationGate>
        <RuleChoiceField
          label="Applies to"
          none="Every role of the API"
          options={roles.map((r) => ({ value: r, label: r }))}
          value={roleValue}
          disabled={initial !== undefined}
          onChange={(value) => {
            setRoleValue(value);
            setGroupId('');
          }}
        />
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" checked={autoApprove} onChange={(e) => setAutoApprove(e.target.checked)} />
          Auto-approve
        </label>
        <Field label="Approvals" labelSize="xs">
          {(control) => (
            <Select {...control} size="sm" value={stages} disabled={autoApprove} onChange={(e) => setStages(e.target.value)}>
              <option value="1">One stage</option>
              <option value="2">Two stages</option>
            </Select>
          )}
        </Field>
        <Field label="Maximum days (blank: no limit)" labelSize="xs">
          {(control) => (
            <Input
              {...control}
              size="sm"
              type="number"
              min={1}
              max={3650}
              value={maxDays}
              onChange={(e) => setMaxDays(e.target.value)}
              className="w-28"
            />
          )}
        </Field>
        <RuleChoiceField
          label="Grant through group"
          none="No — assign directly"
          options={roleGroups.map((g) => ({ value: g.groupId, label: g.groupName }))}
          value={groupId}
          disabled={roleValue === ''}
          onChange={setGroupId}
        />
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Saving…' : initial ? 'Save' : 'Add rule'}
        </Button>
      </HydrationGate>
      <div className="basis-full">
        <ActionMessage message={message} />
      </div>
    </form>
  );
}

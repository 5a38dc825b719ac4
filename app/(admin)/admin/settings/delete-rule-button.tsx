'use client';

import { ActionMessage } from '@/components/access/action-message';
import { useActionRunner } from '@/components/access/use-action-runner';
import { deleteApprovalRuleAction } from './actions';

export function DeleteRuleButton({ ruleId, label }: { ruleId: string; label: string }) {
  const { message, pending, run } = useActionRunner();
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        aria-label={`Delete the rule for ${label}`}
        onClick={() => run(() => deleteApprovalRuleAction(ruleId))}
        className="text-xs text-rose-700 hover:underline disabled:opacity-60 dark:text-rose-300"
      >
        Delete
      </button>
      <ActionMessage message={message} />
    </div>
  );
}

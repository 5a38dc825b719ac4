'use client';

import { ActionButton } from '@/components/ui/action-button';
import { deleteApprovalRuleAction } from './actions';

export function DeleteRuleButton({ ruleId, label }: { ruleId: string; label: string }) {
  return (
    <ActionButton
      action={() => deleteApprovalRuleAction(ruleId)}
      variant="danger-ghost"
      size="xs"
      aria-label={`Delete the rule for ${label}`}
    >
      Delete
    </ActionButton>
  );
}

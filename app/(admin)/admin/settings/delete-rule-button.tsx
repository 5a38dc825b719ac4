'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionMessage } from '@/components/access/action-message';
import { deleteApprovalRuleAction } from './actions';

export function DeleteRuleButton({ ruleId, label }: { ruleId: string; label: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        aria-label={`Delete the rule for ${label}`}
        onClick={() =>
          startTransition(async () => {
            const result = await deleteApprovalRuleAction(ruleId);
            setMessage(result.ok ? { ok: true, text: result.value } : { ok: false, text: result.error });
            if (result.ok) router.refresh();
          })
        }
        className="text-xs text-rose-700 hover:underline disabled:opacity-60 dark:text-rose-300"
      >
        Delete
      </button>
      <ActionMessage message={message} />
    </div>
  );
}

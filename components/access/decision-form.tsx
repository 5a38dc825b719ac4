'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionMessage } from '@/components/access/action-message';
import { decisionSchema, JUSTIFICATION_MAX } from '@/lib/requests/request-schema';
import { decideRequestAction } from './actions';

const OUTCOME = {
  approved: 'Approved. Roleport is assigning the role in Entra.',
  'stage-approved': 'Approved; a second approver decides next.',
  rejected: 'Rejected. The requester sees your note.',
} as const;

/** Approve or reject one request; a note is required to reject. */
export function DecisionForm({
  requestId,
  version,
  roleValue,
  requesterName,
  afterDecision,
}: {
  requestId: string;
  version: number;
  roleValue: string;
  requesterName: string;
  afterDecision?: string;
}) {
  const router = useRouter();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function decide(verdict: 'approve' | 'reject') {
    const decision = { verdict, note: note || undefined, expectedVersion: version };
    const parsed = decisionSchema.safeParse(decision);
    if (!parsed.success) {
      setMessage({ ok: false, text: parsed.error.issues[0]?.message ?? 'The decision is not valid.' });
      return;
    }
    startTransition(async () => {
      const result = await decideRequestAction(requestId, decision);
      setMessage(result.ok ? { ok: true, text: OUTCOME[result.value.outcome] } : { ok: false, text: result.error });
      // In the queue the decided request leaves the list, so the outcome is shown on the page it lands on.
      if (result.ok && afterDecision) router.push(afterDecision);
      else if (result.ok) router.refresh();
    });
  }

  return (
    <div data-testid="decision-form" className="mt-3">
      <label className="block text-xs font-medium">
        Note to {requesterName} (required to reject)
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={JUSTIFICATION_MAX + 200}
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-normal dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          disabled={pending || message?.ok === true}
          onClick={() => decide('approve')}
          aria-label={`Approve ${roleValue} for ${requesterName}`}
          className="rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-700 disabled:opacity-60"
        >
          Approve
        </button>
        <button
          type="button"
          disabled={pending || message?.ok === true}
          onClick={() => decide('reject')}
          aria-label={`Reject ${roleValue} for ${requesterName}`}
          className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm font-semibold text-rose-700 hover:bg-rose-50 disabled:opacity-60 dark:border-rose-800 dark:bg-slate-900 dark:text-rose-300"
        >
          Reject
        </button>
      </div>
      <ActionMessage message={message} />
    </div>
  );
}

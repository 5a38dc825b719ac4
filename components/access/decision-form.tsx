'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { JUSTIFICATION_MAX } from '@/lib/requests/justification-limits';
import { decideRequestAction } from './actions';
import { HydrationGate } from '@/components/ui/hydration-gate';

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
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<'approve' | 'reject' | null>(null);
  const { message, pending, run } = useActionRunner();
  const decided = pending || message?.ok === true;

  function decide(verdict: 'approve' | 'reject') {
    const decision = { verdict, note: note || undefined, expectedVersion: version };
    // Checked by the action alone (decideRequest's schema, whose first issue comes back as the message shown here):
    // the schema would put all of zod in this form's bundle.
    setChosen(verdict);
    // In the queue the decided request leaves the list, so the outcome is shown on the page it lands on.
    run(() => decideRequestAction(requestId, decision), { describe: (value) => OUTCOME[value.outcome], navigateTo: afterDecision });
  }

  return (
    <div data-testid="decision-form" className="mt-3">
      <HydrationGate>
        <Field label={`Note to ${requesterName} (required to reject)`} labelSize="xs">
          {(control) => (
            <Textarea {...control} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={JUSTIFICATION_MAX + 200} />
          )}
        </Field>
        <div className="mt-2 flex gap-2">
          <Button
            variant="success"
            disabled={decided}
            onClick={() => decide('approve')}
            aria-label={`Approve ${roleValue} for ${requesterName}`}
          >
            {pending && chosen === 'approve' ? 'Approving…' : 'Approve'}
          </Button>
          <Button
            variant="danger-outline"
            disabled={decided}
            onClick={() => decide('reject')}
            aria-label={`Reject ${roleValue} for ${requesterName}`}
          >
            {pending && chosen === 'reject' ? 'Rejecting…' : 'Reject'}
          </Button>
        </div>
        <ActionMessage message={message} />
      </HydrationGate>
    </div>
  );
}

'use client';

import { useMemo, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { subscribeAction } from '../actions';
import { HydrationGate } from '@/components/ui/hydration-gate';

/** Subscribe: accept the terms when there are any, say why when an approver decides, submit once. */
export function SubscribeForm({
  productId,
  productName,
  terms,
  approvalRequired,
}: {
  productId: string;
  productName: string;
  terms: string;
  approvalRequired: boolean;
}) {
  const [accepted, setAccepted] = useState(false);
  const [justification, setJustification] = useState('');
  const submissionId = useMemo(() => crypto.randomUUID(), []);
  const { message, pending, run, fail } = useActionRunner();
  const submit = () => {
    if (terms && !accepted) return fail(`Accept the terms of use of ${productName} to subscribe.`);
    run(() => subscribeAction({ productId, acceptTerms: accepted, justification: justification || undefined, submissionId }), {
      describe: (r) =>
        r.status === 'pending'
          ? `Your request is waiting for an approver. Follow it under Requests.`
          : `You are subscribed to ${productName}; your keys are under My subscriptions.`,
    });
  };
  return (
    <section aria-label="Subscribe" className="max-w-xl">
      <HydrationGate className="space-y-3">
        {terms ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />I accept the terms of use of{' '}
            {productName}
          </label>
        ) : null}
        {approvalRequired ? (
          <Field label="Why do you need it? (the approver reads this)" labelSize="xs">
            {(control) => (
              <Textarea {...control} rows={3} maxLength={1000} value={justification} onChange={(e) => setJustification(e.target.value)} />
            )}
          </Field>
        ) : null}
        <Button variant="primary" disabled={pending || message?.ok === true} onClick={submit}>
          {approvalRequired ? 'Request a subscription' : 'Subscribe'}
        </Button>
        <ActionMessage message={message} />
      </HydrationGate>
    </section>
  );
}

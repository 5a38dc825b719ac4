'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { revokeGrantAction } from './actions';
import type { RevokeGrantTarget } from './revoke-grant-target';

/** Revoke with a reason the requester reads; says up front that issued tokens keep the role until they expire. */
export function RevokeGrantForm({
  requestId,
  version,
  roleValue,
  holderName,
  requesterName,
  tokensNote,
  afterRevoke,
}: RevokeGrantTarget & {
  tokensNote: string;
  afterRevoke?: string;
}) {
  const [reason, setReason] = useState('');
  const { message, pending, run, fail } = useActionRunner();
  const revoke = () => {
    if (!reason.trim()) return fail('Say why you revoke this grant; the requester will read it.');
    // The row may leave the list once the worker is done, so the list page shows the outcome itself.
    run(() => revokeGrantAction({ requestId, expectedVersion: version, reason }), { navigateTo: afterRevoke });
  };
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-rose-700 hover:underline dark:text-rose-300">Revoke</summary>
      <div className="mt-2 max-w-md space-y-2">
        <p className="text-xs supporting-text">{tokensNote}</p>
        <Field label={`Reason (${requesterName} reads it)`} labelSize="xs">
          {(control) => <Input {...control} size="sm" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />}
        </Field>
        <Button
          variant="danger"
          disabled={pending || message?.ok === true}
          aria-label={`Revoke ${roleValue} from ${holderName}`}
          onClick={revoke}
        >
          {pending ? 'Revoking…' : `Revoke ${roleValue}`}
        </Button>
        <ActionMessage message={message} />
      </div>
    </details>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionMessage } from '@/components/access/action-message';
import { revokeGrantAction } from './actions';

/** Revoke with a reason the requester reads; says up front that issued tokens keep the role until they expire. */
export function RevokeGrantForm({
  requestId,
  version,
  roleValue,
  holderName,
  tokensNote,
  afterRevoke,
}: {
  requestId: string;
  version: number;
  roleValue: string;
  holderName: string;
  tokensNote: string;
  afterRevoke?: string;
}) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-rose-700 hover:underline dark:text-rose-300">Revoke</summary>
      <div className="mt-2 max-w-md space-y-2">
        <p className="text-xs text-slate-600 dark:text-slate-400">{tokensNote}</p>
        <label className="block text-xs font-medium">
          Reason ({holderName} reads it)
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={1000}
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <button
          type="button"
          disabled={pending || message?.ok === true}
          aria-label={`Revoke ${roleValue} from ${holderName}`}
          onClick={() =>
            startTransition(async () => {
              if (!reason.trim()) return setMessage({ ok: false, text: 'Say why you revoke this grant; the requester will read it.' });
              const result = await revokeGrantAction({ requestId, expectedVersion: version, reason });
              setMessage(result.ok ? { ok: true, text: result.value } : { ok: false, text: result.error });
              // The row may leave the list once the worker is done, so the list page shows the outcome itself.
              if (result.ok && afterRevoke) router.push(afterRevoke);
              else if (result.ok) router.refresh();
            })
          }
          className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-700 disabled:opacity-60"
        >
          Revoke {roleValue}
        </button>
        <ActionMessage message={message} />
      </div>
    </details>
  );
}

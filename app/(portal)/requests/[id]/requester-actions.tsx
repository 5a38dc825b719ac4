'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionMessage } from '@/components/access/action-message';
import { cancelRequestAction, giveUpGrantAction } from '../actions';

/** Cancel a pending request, or give up an active grant (which says that issued tokens stay valid until they expire). */
export function RequesterActions({
  requestId,
  version,
  canCancel,
  canGiveUp,
  tokensNote,
}: {
  requestId: string;
  version: number;
  canCancel: boolean;
  canGiveUp: boolean;
  tokensNote: string;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: typeof cancelRequestAction) =>
    startTransition(async () => {
      const result = await action({ requestId, expectedVersion: version });
      setMessage(result.ok ? { ok: true, text: result.value } : { ok: false, text: result.error });
      if (result.ok) router.refresh();
    });
  if (!canCancel && !canGiveUp && !message) return null;
  return (
    <div className="mt-4">
      {canCancel ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(cancelRequestAction)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
        >
          Cancel request
        </button>
      ) : null}
      {canGiveUp ? (
        <div>
          <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{tokensNote}</p>
          <button
            type="button"
            disabled={pending}
            onClick={() => run(giveUpGrantAction)}
            className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm font-semibold text-rose-700 hover:bg-rose-50 disabled:opacity-60 dark:border-rose-800 dark:bg-slate-900 dark:text-rose-300"
          >
            Give up this role
          </button>
        </div>
      ) : null}
      <ActionMessage message={message} />
    </div>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionMessage } from '@/components/access/action-message';
import { retryProvisioningAction } from '@/app/(admin)/admin/requests/actions';

export function RetryButton({ requestId, version }: { requestId: string; version: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await retryProvisioningAction({ requestId, expectedVersion: version });
            setMessage(result.ok ? { ok: true, text: result.value } : { ok: false, text: result.error });
            if (result.ok) router.refresh();
          })
        }
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        {pending ? 'Retrying…' : 'Retry'}
      </button>
      <ActionMessage message={message} />
    </div>
  );
}

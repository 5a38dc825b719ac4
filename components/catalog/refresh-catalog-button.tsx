'use client';

import { useState, useTransition } from 'react';
import { refreshCatalogAction } from './actions';

export function RefreshCatalogButton({ apiId, label = 'Refresh catalog' }: { apiId?: string; label?: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await refreshCatalogAction(apiId);
            setMessage(result.ok ? { ok: true, text: result.value } : { ok: false, text: result.error });
          })
        }
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        {pending ? 'Refreshing…' : label}
      </button>
      {message ? (
        <p
          role="status"
          className={`max-w-xs text-right text-xs ${message.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-400'}`}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

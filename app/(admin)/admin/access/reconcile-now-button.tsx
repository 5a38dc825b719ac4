'use client';

import { ActionMessage } from '@/components/access/action-message';
import { useActionRunner } from '@/components/access/use-action-runner';
import { reconcileNowAction } from './actions';

/** Reconciliation changes state (grants removed in Entra become revoked), so it runs only on this explicit POST. */
export function ReconcileNowButton() {
  const { message, pending, run } = useActionRunner();
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={pending}
        onClick={() => run(reconcileNowAction)}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        {pending ? 'Comparing…' : 'Compare with Entra now'}
      </button>
      <ActionMessage message={message} />
    </div>
  );
}

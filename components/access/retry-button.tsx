'use client';

import { retryProvisioningAction } from './actions';
import { ActionMessage } from './action-message';
import { useActionRunner } from './use-action-runner';

export function RetryButton({ requestId, version }: { requestId: string; version: number }) {
  const { message, pending, run } = useActionRunner();
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        onClick={() => run(() => retryProvisioningAction({ requestId, expectedVersion: version }))}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        {pending ? 'Retrying…' : 'Retry'}
      </button>
      <ActionMessage message={message} />
    </div>
  );
}

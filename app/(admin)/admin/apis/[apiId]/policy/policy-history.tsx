'use client';

import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { useActionRunner } from '@/components/ui/use-action-runner';
import type { PolicyBatchView } from '@/lib/policy-studio/policy-batches';
import { rollbackPolicyAction } from './actions';
import { plural } from '@/lib/text/plural';

/** Saved versions per apply or rollback; one click writes a batch's saved versions back. */
export function PolicyHistory({ apiId, batches }: { apiId: string; batches: PolicyBatchView[] }) {
  const { message, pending, run } = useActionRunner();
  // The action revalidates this page itself; the message sits above the list because the batch's own row changes.
  const rollback = (batchId: string) =>
    run(() => rollbackPolicyAction(apiId, batchId), {
      refresh: false,
      describe: ({ written, failed }) =>
        failed
          ? {
              ok: false,
              text: `Rollback stopped at ${failed.scope}: ${failed.message} Restored so far: ${written.join(', ') || 'nothing'}.`,
            }
          : { ok: true, text: `Rolled back ${plural(written.length, 'policy', 'policies')} (${written.join(', ')}).` },
    });
  return (
    <section aria-label="Policy history" className="mt-10">
      <h2 className="mb-2 text-lg font-semibold">History</h2>
      {message ? <Notice tone={message.ok ? 'success' : 'error'}>{message.text}</Notice> : null}
      {batches.length === 0 ? (
        <p className="text-sm muted">Roleport has not changed this API&apos;s policies yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
          {batches.map((b) => (
            <li key={b.batchId} data-batch={b.batchId} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <p>
                  {b.kind === 'apply' ? 'Applied' : 'Rollback'} by {b.appliedBy} on {new Date(b.appliedAt).toUTCString()}
                  {b.rolledBack ? <span className="ml-2 text-xs muted">(rolled back)</span> : null}
                </p>
                <p className="font-mono text-xs muted">{b.scopes.join(', ')}</p>
              </div>
              {b.rolledBack ? null : (
                <Button disabled={pending} onClick={() => rollback(b.batchId)}>
                  {b.kind === 'apply' ? 'Roll back' : 'Undo rollback'}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

'use client';

import { useState, useTransition } from 'react';
import { PolicyDiffView } from '@/components/policy/policy-diff-view';
import { RoleSets } from '@/components/policy/role-sets';
import { Notice } from '@/components/ui/notice';
import type { ApplyOutcome, PolicyPreview, RoleMap } from '@/lib/policy-studio/studio-types';
import { applyRoleMapAction, previewRoleMapAction } from './actions';

const button = 'rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60';

function OutcomeNotice({ outcome }: { outcome: ApplyOutcome }) {
  if (!outcome.failed) {
    return outcome.written.length === 0 ? (
      <Notice tone="info" title="Nothing to apply">
        The policies in API Management already match this map.
      </Notice>
    ) : (
      <Notice tone="success" title="Policy applied">
        Wrote {outcome.written.length} policies ({outcome.written.join(', ')}). The previous versions are saved; roll back from the history
        below.
      </Notice>
    );
  }
  const { scope, message, conflict } = outcome.failed;
  return (
    <Notice tone="error" title={conflict ? 'The policy changed in API Management since the preview' : `Writing the ${scope} policy failed`}>
      <p>{message}</p>
      <p>
        {outcome.written.length > 0
          ? `Already written: ${outcome.written.join(', ')}. Nothing after ${scope} was written; roll back the partial change from the history below.`
          : 'Nothing was written.'}{' '}
        {conflict ? 'Preview again to see the current policy.' : null}
      </p>
    </Notice>
  );
}

export function PlanPreview({ apiId, edited }: { apiId: string; edited: RoleMap }) {
  const [preview, setPreview] = useState<{ map: RoleMap; result: PolicyPreview } | null>(null);
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const stale = preview !== null && JSON.stringify(preview.map) !== JSON.stringify(edited);

  const runPreview = () =>
    startTransition(async () => {
      setOutcome(null);
      setError(null);
      const result = await previewRoleMapAction({ apiId, map: edited });
      if (result.ok) setPreview({ map: edited, result: result.value });
      else setError(result.error);
    });
  const runApply = () =>
    startTransition(async () => {
      if (!preview) return;
      setError(null);
      const result = await applyRoleMapAction({ apiId, map: preview.map, etags: preview.result.etags });
      if (result.ok) {
        setOutcome(result.value);
        setPreview(null);
      } else setError(result.error);
    });

  return (
    <section aria-label="Preview and apply" className="mt-6">
      <button
        type="button"
        disabled={pending}
        onClick={runPreview}
        className={`${button} border border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900`}
      >
        {pending && !preview ? 'Building preview…' : 'Preview changes'}
      </button>
      <div className="mt-4">
        {error ? <Notice tone="error">{error}</Notice> : null}
        {outcome ? <OutcomeNotice outcome={outcome} /> : null}
        {preview ? (
          <>
            {preview.result.notes.map((note) => (
              <Notice key={note} tone="warn">
                {note}
              </Notice>
            ))}
            {stale ? <Notice tone="warn">The map has changed since this preview; preview again before applying.</Notice> : null}
            {preview.result.changes.length === 0 ? (
              <Notice tone="info">The policies in API Management already match this map.</Notice>
            ) : (
              <>
                <h2 className="mb-2 text-lg font-semibold">{preview.result.changes.length} policies change</h2>
                {preview.result.changes.map((change) => (
                  <div key={change.scope}>
                    <p className="mb-1 text-sm" data-testid="change-reason">
                      <span className="font-medium">Why {change.label} changes:</span> {change.reason}
                    </p>
                    {change.requiredAfter ? (
                      <p className="mb-1 text-sm">
                        After the change {change.label} requires: <RoleSets sets={change.requiredAfter} validatesToken />
                      </p>
                    ) : null}
                    <PolicyDiffView label={change.label} rows={change.rows} />
                  </div>
                ))}
                <button
                  type="button"
                  disabled={pending || stale}
                  onClick={runApply}
                  className={`${button} bg-brand-600 text-white hover:bg-brand-700`}
                >
                  {pending ? 'Applying…' : `Apply ${preview.result.changes.length} policy changes`}
                </button>
              </>
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}

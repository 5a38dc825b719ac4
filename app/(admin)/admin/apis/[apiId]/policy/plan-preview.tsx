'use client';

import { useState, useTransition } from 'react';
import { PolicyDiffView } from '@/components/policy/policy-diff-view';
import { RoleSets } from '@/components/policy/role-sets';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { ApplyOutcome, PolicyPreview, RoleMap } from '@/lib/policy-studio/studio-types';
import { applyRoleMapAction, previewRoleMapAction } from './actions';
import { ApplyOutcomeNotice } from './apply-outcome-notice';
import { plural } from '@/lib/text/plural';

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
      <Button disabled={pending} onClick={runPreview}>
        {pending && !preview ? 'Building preview…' : 'Preview changes'}
      </Button>
      <div className="mt-4">
        {error ? <Notice tone="error">{error}</Notice> : null}
        {outcome ? <ApplyOutcomeNotice outcome={outcome} /> : null}
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
                <h2 className="mb-2 text-lg font-semibold">{plural(preview.result.changes.length, 'policy changes', 'policies change')}</h2>
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
                <Button variant="primary" disabled={pending || stale} onClick={runApply}>
                  {pending ? 'Applying…' : `Apply ${plural(preview.result.changes.length, 'policy change')}`}
                </Button>
              </>
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}

import { Notice } from '@/components/ui/notice';
import type { ApplyOutcome } from '@/lib/policy-studio/studio-types';
import { plural } from '@/lib/text/plural';

/** What an apply wrote, and where a partial write stopped, so the admin knows what to roll back. */
export function ApplyOutcomeNotice({ outcome }: { outcome: ApplyOutcome }) {
  if (!outcome.failed) {
    return outcome.written.length === 0 ? (
      <Notice tone="info" title="Nothing to apply">
        The policies in API Management already match this map.
      </Notice>
    ) : (
      <Notice tone="success" title="Policy applied">
        Wrote {plural(outcome.written.length, 'policy', 'policies')} ({outcome.written.join(', ')}). The previous versions are saved; roll
        back from the history below.
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

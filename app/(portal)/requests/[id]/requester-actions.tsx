'use client';

import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/ui/use-action-runner';
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
  const { message, pending, run } = useActionRunner();
  const act = (action: typeof cancelRequestAction) => run(() => action({ requestId, expectedVersion: version }));
  if (!canCancel && !canGiveUp && !message) return null;
  return (
    <div className="mt-4">
      {canCancel ? (
        <Button disabled={pending} onClick={() => act(cancelRequestAction)}>
          {pending ? 'Cancelling…' : 'Cancel request'}
        </Button>
      ) : null}
      {canGiveUp ? (
        <div>
          <p className="mb-2 text-xs supporting-text">{tokensNote}</p>
          <Button variant="danger-outline" disabled={pending} onClick={() => act(giveUpGrantAction)}>
            {pending ? 'Giving up…' : 'Give up this role'}
          </Button>
        </div>
      ) : null}
      <ActionMessage message={message} />
    </div>
  );
}

'use client';

import { retryProvisioningAction } from './actions';
import { ActionButton } from '@/components/ui/action-button';

export function RetryButton({ requestId, version }: { requestId: string; version: number }) {
  return (
    <ActionButton action={() => retryProvisioningAction({ requestId, expectedVersion: version })} pendingLabel="Retrying…">
      Retry
    </ActionButton>
  );
}

'use client';

import { ActionButton } from '@/components/ui/action-button';
import { reconcileNowAction } from './actions';

/** Reconciliation changes state (grants removed in Entra become revoked), so it runs only on this explicit POST. */
export function ReconcileNowButton() {
  return (
    <ActionButton action={reconcileNowAction} pendingLabel="Comparing…" align="end">
      Compare with Entra now
    </ActionButton>
  );
}

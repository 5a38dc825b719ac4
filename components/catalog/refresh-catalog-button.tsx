'use client';

import { refreshCatalogAction } from './actions';
import { ActionButton } from '@/components/ui/action-button';

/** The action revalidates the catalog pages itself, so the page is not refreshed a second time. */
export function RefreshCatalogButton({ apiId, label = 'Refresh catalog' }: { apiId?: string; label?: string }) {
  return (
    <ActionButton action={() => refreshCatalogAction(apiId)} pendingLabel="Refreshing…" refresh={false} align="end">
      {label}
    </ActionButton>
  );
}

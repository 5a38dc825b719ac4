import 'server-only';
import { listApplicationOwners } from '@/lib/azure/graph/applications';
import { cachedLiveCheck } from './live-check-cache';

/**
 * Whether the user owns the app registration now, per Graph (cached for at most a minute). The catalog index's owner
 * list is only as fresh as the last sync, so an owner removed in Entra would otherwise keep approving until then.
 */
export function ownsAppNow(userOid: string, appObjectId: string): Promise<boolean> {
  return cachedLiveCheck(`owner:${appObjectId}:${userOid}`, async () =>
    (await listApplicationOwners(appObjectId)).some((owner) => owner.id === userOid),
  );
}

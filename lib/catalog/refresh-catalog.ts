import 'server-only';
import type { PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { syncCatalog, syncOneApi } from './sync-catalog';

/** An admin's "Refresh catalog": one API waits for the result; the whole catalog runs in the background. */
export async function refreshCatalog(actor: PortalUser, apiId?: string): Promise<string> {
  if (!actor.isAdmin) throw new UserFacingError('Only portal admins can refresh the catalog.', 'forbidden', 403);
  // APIM's own rule for an API id (REST spec apimapis.json, `ApiIdParameter`): 1–256 characters, none of *#&+:<>?.
  // Anything else cannot name an API, so it is refused before a failed sync is recorded and logged.
  if (apiId !== undefined && apiId !== '' && !/^[^*#&+:<>?\p{Cc}\p{Cs}]{1,256}$/u.test(apiId)) {
    throw new UserFacingError('That is not an API id: an id has at most 256 characters and none of * # & + : < > ?');
  }
  const database = await db();
  if (!apiId) {
    void syncCatalog(database).catch((error: unknown) => console.error('[catalog] refresh failed', error));
    return 'The catalog refresh has started; pages keep showing the current index until it finishes.';
  }
  const report = await syncOneApi(database, apiId);
  if (report.status === 'skipped') return 'A refresh of this API is already running.';
  if (report.status === 'failed') throw new UserFacingError(`The API could not be refreshed: ${report.error ?? 'unknown error'}`);
  if (report.removed)
    throw new UserFacingError('The API could not be refreshed: API Management has no such API, so it is no longer in the catalog.');
  if (report.failedApis.length > 0) throw new UserFacingError(`The API could not be read: ${report.failedApis[0]?.error}`);
  return `Refreshed with ${report.armCalls} ARM and ${report.graphCalls} Graph calls.`;
}

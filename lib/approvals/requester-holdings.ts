import 'server-only';
import { getHeldRoles, type HeldRole } from '@/lib/directory/held-roles';
import type { AccessRequestView } from '@/lib/requests/request-view';

/** What a requester already holds on the request's app registration; null when Entra could not be read. */
export type RequesterHoldings = Record<string, HeldRole[] | null>;

/**
 * For each request, the roles its requester already holds on the same app registration (directly or through a group),
 * read from Entra once per requester, so the approver sees whether this adds to access or starts it.
 */
export async function requesterHoldings(requests: AccessRequestView[]): Promise<RequesterHoldings> {
  const oids = [...new Set(requests.map((r) => r.requester.oid))];
  const read = await Promise.allSettled(oids.map((oid) => getHeldRoles(oid)));
  const byOid = new Map<string, HeldRole[] | null>();
  oids.forEach((oid, i) => {
    const outcome = read[i]!;
    if (outcome.status === 'rejected') console.error('[approvals] reading a requester’s roles from Graph failed', outcome.reason);
    byOid.set(oid, outcome.status === 'fulfilled' ? outcome.value : null);
  });
  return Object.fromEntries(
    requests.map((r) => {
      const held = byOid.get(r.requester.oid) ?? null;
      return [r.id, held === null ? null : held.filter((h) => h.appId === r.appId)];
    }),
  );
}

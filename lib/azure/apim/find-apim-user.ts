import 'server-only';
import { apimClient, apimService } from './client';

/** The signed-in user as APIM's developer portal links them: the Entra object id and the sign-in name it stored as email. */
export interface ApimUserKey {
  oid: string;
  email: string;
}

const FOUND_TTL_MS = 10 * 60_000;
// A user without an APIM account may create one in the developer portal; they should not wait long to be found.
const MISSING_TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { userId: string | null; expires: number }>();

/** An OData string literal: quotes doubled, as APIM's `$filter` reads them. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The APIM user id of an Entra user, or null. APIM's user list filters on `email` (not on `identities`), so the lookup asks for
 * the users with the sign-in name as email and keeps the one whose `aad` identity is the object id: an email alone proves
 * nothing, since an admin can create a user with any email. Cached per object id, so a console call costs no user listing.
 */
export async function findApimUserId(user: ApimUserKey, now = Date.now()): Promise<string | null> {
  const wanted = user.oid.toLowerCase();
  const cached = cache.get(wanted);
  if (cached && cached.expires > now) return cached.userId;
  let userId: string | null = null;
  if (user.email) {
    const { resourceGroup, serviceName } = apimService();
    const filter = `email eq ${literal(user.email)}`;
    for await (const candidate of apimClient().user.listByService(resourceGroup, serviceName, { filter })) {
      if (candidate.identities?.some((i) => i.id?.toLowerCase() === wanted && (i.provider ?? '').toLowerCase() === 'aad')) {
        userId = candidate.name ?? null;
        break;
      }
    }
  }
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(wanted, { userId, expires: now + (userId ? FOUND_TTL_MS : MISSING_TTL_MS) });
  return userId;
}

/** Drops a cached user id APIM no longer knows (the user was deleted), so the next lookup asks again. */
export function forgetApimUser(oid: string, error: unknown): boolean {
  if ((error as { statusCode?: number } | null)?.statusCode !== 404) return false;
  cache.delete(oid.toLowerCase());
  return true;
}

/** After Roleport created or changed a developer's APIM user or subscriptions, the console looks them up afresh. */
export function forgetApimUserOf(oid: string): void {
  cache.delete(oid.toLowerCase());
}

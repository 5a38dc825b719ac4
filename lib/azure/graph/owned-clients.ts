import 'server-only';
import { onBehalfOfCredential } from '@/lib/azure/identity/on-behalf-of-token';
import { graphClientAs } from './client';
import { reshapeOwnedClient } from './reshape';
import type { OwnedClient } from './types';

type Page = { value?: Record<string, unknown>[]; '@odata.nextLink'?: string };

/**
 * The app registrations and service principals the signed-in user owns, read on their behalf: `GET /me/ownedObjects`
 * takes delegated User.Read and has no application permission (Graph v1.0 "List ownedObjects"), so Roleport asks as
 * the user, with the token of their sign-in exchanged on-behalf-of.
 */
export async function listOwnedClients(userAssertionToken: string): Promise<OwnedClient[]> {
  const graph = graphClientAs(onBehalfOfCredential(userAssertionToken));
  const owned: OwnedClient[] = [];
  const followed = new Set<string>();
  let next: string | undefined = '/me/ownedObjects?$select=id,appId,displayName,appOwnerOrganizationId';
  while (next) {
    if (followed.has(next)) throw new Error('Graph returned the same @odata.nextLink twice while listing owned objects.');
    followed.add(next);
    const page = (await graph.api(next).get()) as Page;
    for (const item of page.value ?? []) {
      const client = reshapeOwnedClient(item);
      if (client) owned.push(client);
    }
    next = page['@odata.nextLink'];
  }
  return owned;
}

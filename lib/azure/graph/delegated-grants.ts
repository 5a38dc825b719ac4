import 'server-only';
import { odataString, readAllPages } from './paged';
import { reshapeDelegatedGrant } from './reshape';
import type { DelegatedGrant } from './types';

/** Delegated permission grants of one client service principal (Graph advises filtering on clientId). */
export async function listDelegatedGrants(clientServicePrincipalId: string): Promise<DelegatedGrant[]> {
  const filter = `clientId eq ${odataString(clientServicePrincipalId)}`;
  return (await readAllPages(`/oauth2PermissionGrants?$filter=${encodeURIComponent(filter)}`)).map(reshapeDelegatedGrant);
}

import 'server-only';
import { getClientPrincipal, listClientAssignments, listClientOwners } from '@/lib/azure/graph/client-principals';
import type { ClientPrincipal } from '@/lib/azure/graph/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { foreignClientRefusal } from './foreign-client-refusal';

/** Why a client service principal cannot receive a grant for this requester; never worth retrying as is. */
export class ClientPrincipalRefusal extends UserFacingError {
  override name = 'ClientPrincipalRefusal';
  constructor(message: string) {
    super(message, 'client_refused', 409);
  }
}

export interface EligibleClient {
  principal: ClientPrincipal;
  /** Owners of its service principal and app registration; empty for a managed identity. */
  ownerOids: string[];
  /** A managed identity has no owners to vouch for the requester: a portal admin approves an extra stage. */
  needsAdminStage: boolean;
}

/**
 * Whether `requesterOid` may ask for an app role for the client service principal: it exists in this tenant, is this
 * tenant's own application (or a managed identity), and the requester owns its app registration or service principal.
 * Read live from Graph at submission and again before the grant is made.
 */
export async function checkClientForRequester(
  servicePrincipalId: string,
  requesterOid: string,
  /** Named in the refusal instead of "You" (a check made without the requester present). */
  requesterName?: string,
): Promise<EligibleClient> {
  const principal = await getClientPrincipal(servicePrincipalId);
  if (!principal)
    throw new ClientPrincipalRefusal(
      `There is no service principal ${servicePrincipalId} in this tenant; it may have been deleted. Choose one of your applications again.`,
    );
  if (principal.servicePrincipalType === 'ManagedIdentity') return { principal, ownerOids: [], needsAdminStage: true };
  if (principal.servicePrincipalType !== 'Application')
    throw new ClientPrincipalRefusal(`${principal.displayName} is neither an application nor a managed identity.`);
  // A multi-tenant app's service principal here is managed from its home tenant: its owners there cannot be read or trusted.
  const foreign = foreignClientRefusal(principal);
  if (foreign) throw new ClientPrincipalRefusal(foreign);
  const ownerOids = (await listClientOwners(principal)).map((o) => o.id.toLowerCase());
  if (!ownerOids.includes(requesterOid.toLowerCase()))
    throw new ClientPrincipalRefusal(
      `${requesterName ? `${requesterName} does` : 'You do'} not own ${principal.displayName}: only an owner of its app registration or service principal can request access for it.`,
    );
  return { principal, ownerOids, needsAdminStage: false };
}

/** Whether the client service principal itself already holds the role on the resource. */
export async function clientHoldsRole(servicePrincipalId: string, resourceSpId: string, roleId: string): Promise<boolean> {
  const assignments = await listClientAssignments(servicePrincipalId);
  return assignments.some(
    (a) => a.resourceId.toLowerCase() === resourceSpId.toLowerCase() && a.appRoleId.toLowerCase() === roleId.toLowerCase(),
  );
}

import 'server-only';
import { graphClient } from './client';
import { readAllPages } from './paged';
import { reshapeAssignment } from './reshape';

export interface MailRecipient {
  id: string;
  displayName: string;
  /** The user's mail address (`mail`), else their user principal name; null for an account Graph no longer has. */
  address: string | null;
}

/** Where to mail a user: `mail` when the account has a mailbox, else the sign-in name (often the same address). */
export async function getMailRecipient(userId: string): Promise<MailRecipient> {
  try {
    const user = (await graphClient()
      .api(`/users/${encodeURIComponent(userId)}?$select=id,displayName,mail,userPrincipalName`)
      .get()) as Record<string, unknown>;
    const address =
      typeof user.mail === 'string' && user.mail ? user.mail : typeof user.userPrincipalName === 'string' ? user.userPrincipalName : null;
    return { id: userId, displayName: String(user.displayName ?? ''), address };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return { id: userId, displayName: '', address: null };
    throw error;
  }
}

/**
 * The users who hold `appRoleId` on the resource: assigned directly, or as direct members of a group assigned it
 * (Entra puts a group's role into its direct members' tokens).
 */
export async function listAppRoleHolders(resourceSpId: string, appRoleId: string): Promise<string[]> {
  const assignments = (await readAllPages(`/servicePrincipals/${encodeURIComponent(resourceSpId)}/appRoleAssignedTo`))
    .map(reshapeAssignment)
    .filter((a) => a.appRoleId === appRoleId);
  const users = new Set(assignments.filter((a) => a.principalType === 'User').map((a) => a.principalId));
  for (const group of assignments.filter((a) => a.principalType === 'Group')) {
    const members = await readAllPages(`/groups/${encodeURIComponent(group.principalId)}/members?$select=id`);
    for (const m of members) if (m['@odata.type'] === '#microsoft.graph.user' || m['@odata.type'] === undefined) users.add(String(m.id));
  }
  return [...users];
}

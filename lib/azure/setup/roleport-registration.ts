import 'server-only';
import { REQUIRED_PERMISSIONS } from '@/lib/azure/required-permissions';

/** Microsoft Graph's app id, the same in every tenant and cloud. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The scope Roleport's sign-in asks for, so the session holds a user token it can exchange on behalf of the user. */
export const ACCESS_AS_USER = {
  value: 'access_as_user',
  type: 'User',
  adminConsentDisplayName: 'Use Roleport as the signed-in user',
  adminConsentDescription: 'Lets Roleport call the APIs you try in its console on your behalf.',
  userConsentDisplayName: 'Use Roleport as you',
  userConsentDescription: 'Lets Roleport call the APIs you try in its console on your behalf.',
  isEnabled: true,
} as const;

/** The app role whose holders administer the portal. */
export const PORTAL_ADMIN = {
  value: 'Portal.Admin',
  displayName: 'Roleport administrator',
  description: 'Approves any request, sets approval rules, edits policies and reads the audit log in Roleport.',
  allowedMemberTypes: ['User'],
  isEnabled: true,
} as const;

/**
 * The Graph application permissions of the README's table, least privileged choice first
 * (Application.ReadWrite.OwnedBy rather than .All for adding roles).
 */
export const GRAPH_APPLICATION_PERMISSIONS = [
  ...new Set(
    Object.values(REQUIRED_PERMISSIONS)
      .filter((p) => p.service === 'graph')
      .map((p) => p.permission.split(' ')[0]!),
  ),
];

/** Delegated Graph permission for the sign-in (the user's profile); the OpenID scopes need no consent of their own. */
export const GRAPH_DELEGATED_PERMISSIONS = ['User.Read'];

/**
 * The built-in role Roleport gets on the API Management service: it includes the read, policy write and listSecrets
 * actions of the README's table (a Reader role plus a custom role with those actions is the narrower alternative).
 */
export const APIM_ROLE_NAME = 'API Management Service Contributor';

export const callbackUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}/api/auth/callback/azure-ad`;

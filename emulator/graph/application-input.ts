import type { Directory } from '../directory/directory';
import type { AppRole, DirectoryApplication, PermissionScope, RequiredResourceAccess } from '../directory/types';
import { isGuid } from '../http/ids';
import { badRequest } from './graph-errors';

// The writable application properties Roleport's set-up sends, validated as Entra does (Graph v1.0 application
// resource, api-reference/v1.0/resources/application.md; "Redirect URI (reply URL) restrictions",
// learn.microsoft.com/entra/identity-platform/reply-url). Anything else is refused rather than silently ignored.

type Json = Record<string, unknown>;
export type ApplicationChanges = Partial<
  Pick<DirectoryApplication, 'displayName' | 'identifierUris' | 'appRoles' | 'requiredResourceAccess'> & {
    redirectUris: string[];
    requestedAccessTokenVersion: 1 | 2 | null;
    oauth2PermissionScopes: PermissionScope[];
  }
>;

const WRITABLE = new Set(['displayName', 'signInAudience', 'identifierUris', 'web', 'api', 'appRoles', 'requiredResourceAccess']);
const invalid = (property: string) => badRequest(`Invalid value specified for property '${property}' of resource 'Application'.`);
const strings = (v: unknown, property: string): string[] => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw invalid(property);
  return v as string[];
};

/** Entra accepts https redirect URIs, and http only for localhost (loopback) addresses; at most 256 characters each. */
function redirectUri(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw invalid('redirectUris');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (uri.length > 256 || uri.includes('*') || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
    throw invalid('redirectUris');
  return uri;
}

function appRoles(value: unknown): AppRole[] {
  if (!Array.isArray(value)) throw invalid('appRoles');
  return value.map((r: Json) => {
    if (typeof r?.id !== 'string' || !isGuid(r.id) || typeof r.value !== 'string' || /\s/.test(r.value)) throw invalid('appRoles');
    const types = Array.isArray(r.allowedMemberTypes) ? r.allowedMemberTypes : ['User'];
    if (types.length === 0 || !types.every((t) => t === 'User' || t === 'Application')) throw invalid('appRoles');
    return {
      id: r.id.toLowerCase(),
      value: r.value,
      displayName: String(r.displayName ?? r.value),
      description: String(r.description ?? ''),
      allowedMemberTypes: types as AppRole['allowedMemberTypes'],
      isEnabled: r.isEnabled !== false,
    };
  });
}

function permissionScopes(value: unknown): PermissionScope[] {
  if (!Array.isArray(value)) throw invalid('oauth2PermissionScopes');
  return value.map((s: Json) => {
    const text = (k: string) => (typeof s?.[k] === 'string' && (s[k] as string).length > 0 ? (s[k] as string) : null);
    if (typeof s?.id !== 'string' || !isGuid(s.id) || !text('value') || /\s/.test(String(s.value))) throw invalid('oauth2PermissionScopes');
    // The admin consent texts are what an administrator reads before granting: Entra requires them.
    if (!text('adminConsentDisplayName') || !text('adminConsentDescription')) throw invalid('oauth2PermissionScopes');
    if (s.type !== undefined && s.type !== 'User' && s.type !== 'Admin') throw invalid('oauth2PermissionScopes');
    return {
      id: s.id.toLowerCase(),
      value: String(s.value),
      adminConsentDisplayName: text('adminConsentDisplayName')!,
      adminConsentDescription: text('adminConsentDescription')!,
      userConsentDisplayName: text('userConsentDisplayName'),
      userConsentDescription: text('userConsentDescription'),
      type: s.type === 'Admin' ? 'Admin' : 'User',
      isEnabled: s.isEnabled !== false,
    };
  });
}

function requiredResourceAccess(value: unknown): RequiredResourceAccess[] {
  if (!Array.isArray(value)) throw invalid('requiredResourceAccess');
  return value.map((r: Json) => {
    if (typeof r?.resourceAppId !== 'string' || !isGuid(r.resourceAppId) || !Array.isArray(r.resourceAccess))
      throw invalid('requiredResourceAccess');
    return {
      resourceAppId: r.resourceAppId.toLowerCase(),
      resourceAccess: r.resourceAccess.map((a: Json) => {
        if (typeof a?.id !== 'string' || !isGuid(a.id) || (a.type !== 'Scope' && a.type !== 'Role'))
          throw invalid('requiredResourceAccess');
        return { id: a.id.toLowerCase(), type: a.type };
      }),
    };
  });
}

/** Reads a POST or PATCH body into the changes it asks for; `app` is the application being updated (none on create). */
export function readApplicationChanges(body: Json, dir: Directory, app?: DirectoryApplication): ApplicationChanges {
  const unknown = Object.keys(body).find((k) => !WRITABLE.has(k));
  if (unknown) throw badRequest(`Property '${unknown}' is read-only or not supported by the emulator.`);
  const out: ApplicationChanges = {};
  if (body.displayName !== undefined) {
    if (typeof body.displayName !== 'string' || !body.displayName.trim() || body.displayName.length > 256) throw invalid('displayName');
    out.displayName = body.displayName;
  }
  // The emulated tenant serves single-tenant apps only: other audiences are refused, not pretended.
  if (body.signInAudience !== undefined && body.signInAudience !== 'AzureADMyOrg') throw invalid('signInAudience');
  if (body.identifierUris !== undefined) {
    const uris = strings(body.identifierUris, 'identifierUris');
    for (const uri of uris) {
      if (!/^(api|https):\/\/\S+$/i.test(uri)) throw invalid('identifierUris');
      const other = dir.applicationByResource(uri);
      if (other && other.id !== app?.id)
        throw badRequest('Another object with the same value for property identifierUris already exists.', 'Request_BadRequest');
    }
    out.identifierUris = uris;
  }
  if (body.web !== undefined) {
    const web = body.web as Json;
    if (typeof web !== 'object' || web === null) throw invalid('web');
    const allowed = Object.keys(web).find((k) => k !== 'redirectUris');
    if (allowed) throw badRequest(`Property '${allowed}' is read-only or not supported by the emulator.`);
    if (web.redirectUris !== undefined) out.redirectUris = strings(web.redirectUris, 'redirectUris').map(redirectUri);
  }
  if (body.api !== undefined) {
    const api = body.api as Json;
    if (typeof api !== 'object' || api === null) throw invalid('api');
    const allowed = Object.keys(api).find((k) => k !== 'requestedAccessTokenVersion' && k !== 'oauth2PermissionScopes');
    if (allowed) throw badRequest(`Property '${allowed}' is read-only or not supported by the emulator.`);
    if (api.requestedAccessTokenVersion !== undefined) {
      if (![1, 2, null].includes(api.requestedAccessTokenVersion as number | null)) throw invalid('requestedAccessTokenVersion');
      out.requestedAccessTokenVersion = api.requestedAccessTokenVersion as 1 | 2 | null;
    }
    if (api.oauth2PermissionScopes !== undefined) out.oauth2PermissionScopes = permissionScopes(api.oauth2PermissionScopes);
  }
  if (body.appRoles !== undefined) out.appRoles = appRoles(body.appRoles);
  if (body.requiredResourceAccess !== undefined) out.requiredResourceAccess = requiredResourceAccess(body.requiredResourceAccess);
  const roleValues = (out.appRoles ?? []).map((r) => r.value);
  const scopeValues = (out.oauth2PermissionScopes ?? []).map((s) => s.value);
  if (new Set(roleValues).size !== roleValues.length || new Set(scopeValues).size !== scopeValues.length)
    throw badRequest('The value of each app role and permission scope must be unique.', 'Request_BadRequest');
  return out;
}

/** Entra refuses to drop a role or scope that is still enabled: it must be disabled in an earlier update. */
function refuseDroppingEnabled(old: { id: string; isEnabled: boolean }[], next: { id: string }[]) {
  if (old.some((o) => o.isEnabled && !next.some((n) => n.id === o.id)))
    throw badRequest(
      'Permission (scope or role) cannot be deleted or updated unless disabled first.',
      'CannotDeleteOrUpdateEnabledEntitlement',
    );
}

/** Applies validated changes to an application and mirrors what its service principal shows, as Entra does. */
export function applyApplicationChanges(dir: Directory, app: DirectoryApplication, changes: ApplicationChanges) {
  if (changes.appRoles) refuseDroppingEnabled(app.appRoles, changes.appRoles);
  if (changes.oauth2PermissionScopes) refuseDroppingEnabled(app.api.oauth2PermissionScopes, changes.oauth2PermissionScopes);
  if (changes.displayName !== undefined) app.displayName = changes.displayName;
  if (changes.identifierUris) app.identifierUris = changes.identifierUris;
  if (changes.redirectUris) app.web.redirectUris = changes.redirectUris;
  if (changes.requestedAccessTokenVersion !== undefined) app.api.requestedAccessTokenVersion = changes.requestedAccessTokenVersion;
  if (changes.oauth2PermissionScopes) app.api.oauth2PermissionScopes = changes.oauth2PermissionScopes;
  if (changes.requiredResourceAccess) app.requiredResourceAccess = changes.requiredResourceAccess;
  if (changes.appRoles) dir.setAppRoles(app, changes.appRoles);
  const sp = dir.servicePrincipalByAppId(app.appId);
  if (sp) {
    sp.displayName = app.displayName;
    sp.oauth2PermissionScopes = app.api.oauth2PermissionScopes.map((s) => ({ ...s }));
    sp.servicePrincipalNames = [app.appId, ...app.identifierUris];
  }
}

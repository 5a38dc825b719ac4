import 'server-only';
import type { IndexedApi, IndexedOperation } from '@/lib/catalog/catalog-types';

export type FindingStatus = 'ok' | 'warn' | 'error';

export interface Finding {
  id: string;
  status: FindingStatus;
  subject: string;
  title: string;
  detail: string;
  fix?: string;
  /** Where the fix is made, when it is one click (an admin-consent URL). */
  link?: { label: string; href: string };
}

export interface RegisteredApp {
  appId: string;
  displayName: string;
  identifierUris: string[];
  appRoles: { value: string; isEnabled: boolean }[];
}

export interface ApiUnderCheck {
  api: Pick<IndexedApi, 'id' | 'displayName' | 'appId' | 'access'>;
  operations: Pick<IndexedOperation, 'id' | 'displayName' | 'access'>[];
}

const sameText = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** The portal's callback must be a redirect URI of its app registration, or Entra refuses every sign-in (AADSTS50011). */
export function checkPortalRedirect(
  app: (Pick<RegisteredApp, 'appId' | 'displayName'> & { redirectUris: string[] }) | null,
  clientId: string,
  publicUrl: string,
): Finding {
  const callback = `${publicUrl.replace(/\/+$/, '')}/api/auth/callback/azure-ad`;
  const subject = 'Portal app registration';
  if (!app) {
    return {
      id: 'portal-app-missing',
      status: 'error',
      subject,
      title: 'The portal app registration was not found',
      detail: `No application with client id ${clientId} exists in the tenant.`,
      fix: 'Check AZURE_CLIENT_ID: it must be the client id of the Roleport app registration in this tenant.',
    };
  }
  if (app.redirectUris.some((uri) => uri === callback)) {
    return {
      id: 'portal-redirect',
      status: 'ok',
      subject,
      title: 'The sign-in callback is registered',
      detail: `${callback} is a redirect URI of ${app.displayName}.`,
    };
  }
  const nearly = app.redirectUris.find((uri) => sameText(uri, callback));
  return {
    id: 'portal-redirect',
    status: 'error',
    subject,
    title: "This portal's sign-in callback is not a redirect URI of its app registration",
    detail: nearly
      ? `${app.displayName} lists ${nearly}, which differs from ${callback} only in case or a trailing slash; Entra compares redirect URIs exactly.`
      : `${app.displayName} lists ${app.redirectUris.join(', ') || 'no redirect URIs'}; sign-in sends ${callback}, so Entra answers AADSTS50011.`,
    fix: `Add ${callback} under Authentication → Web → Redirect URIs of ${app.displayName} (or set PUBLIC_URL to the URL the portal is served at).`,
  };
}

/** Each openid-config URL must be this tenant's discovery document on the configured authority. */
export function checkOpenIdConfigUrls(entry: ApiUnderCheck, authorityHost: string, tenantId: string): Finding[] {
  const { api } = entry;
  const urls = [
    ...new Set([
      ...api.access.openIdConfigUrls,
      ...entry.operations.flatMap((op) => op.access.validations.flatMap((v) => v.openIdConfigUrls)),
    ]),
  ];
  const authority = authorityHost.replace(/\/+$/, '').toLowerCase();
  return urls.map((url): Finding => {
    const text = url.toLowerCase();
    const base = { subject: api.displayName };
    if (url.includes('{{')) {
      return {
        ...base,
        id: `openid-unknown:${api.id}:${url}`,
        status: 'warn',
        title: 'The OpenID configuration URL uses a named value Roleport could not read',
        detail: url,
        fix: 'Give the named value a plain (not secret) value, or write the URL in the policy.',
      };
    }
    if (text.startsWith(`${authority}/${tenantId.toLowerCase()}/`)) {
      return {
        ...base,
        id: `openid-ok:${api.id}:${url}`,
        status: 'ok',
        title: 'validate-jwt reads this tenant’s signing keys',
        detail: url,
      };
    }
    const segment = /^https?:\/\/[^/]+\/([^/]+)\//i.exec(url)?.[1] ?? '';
    const multi = ['common', 'organizations', 'consumers'].includes(segment.toLowerCase());
    const detail = !text.startsWith(`${authority}/`)
      ? `${url} is not on this tenant's authority (${authorityHost}); the gateway would trust keys and issuers of another cloud or environment.`
      : multi
        ? `${url} is the /${segment} document: its issuer holds the literal {tenantid}, so issuer checks fail or accept any tenant.`
        : `${url} names tenant ${segment}, not this tenant (${tenantId}); tokens this tenant issues will not validate.`;
    return {
      ...base,
      id: `openid:${api.id}:${url}`,
      status: 'error',
      title: 'validate-jwt points at another tenant’s OpenID configuration',
      detail,
      fix: `Use <openid-config url="${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration" /> in ${api.displayName}'s validate-jwt.`,
    };
  });
}

/** Each audience should name a registered app; an audience no app has can only ever be met by a token for something else. */
export function checkAudiences(entry: ApiUnderCheck, appsByAudience: ReadonlyMap<string, RegisteredApp | null>): Finding[] {
  const { api } = entry;
  return api.access.audiences.map((audience): Finding => {
    const app = appsByAudience.get(audience) ?? null;
    const base = { subject: api.displayName, id: `audience:${api.id}:${audience}` };
    if (app)
      return {
        ...base,
        status: 'ok',
        title: 'The audience is a registered application',
        detail: `${audience} identifies ${app.displayName} (${app.appId}).`,
      };
    return {
      ...base,
      status: 'error',
      title: 'An audience matches no app registration',
      detail: `${api.displayName}'s validate-jwt accepts the audience ${audience}, but no application in the tenant has that client id or App ID URI: no one can get a token for it, so callers cannot be granted access through Roleport.`,
      fix: `Set <audiences> to the App ID URI and client id of the API's app registration, or add ${audience} to that registration's identifier URIs.`,
    };
  });
}

/** Each role an operation requires must be an enabled role of the API's app, or no token can ever carry it. */
export function checkRequiredRoles(entry: ApiUnderCheck, app: RegisteredApp | null): Finding[] {
  const { api } = entry;
  const needed = new Map<string, string[]>();
  for (const op of entry.operations)
    for (const role of new Set(op.access.requiredRoles.flat())) needed.set(role, [...(needed.get(role) ?? []), op.displayName]);
  if (needed.size === 0) return [];
  if (!app) {
    return [
      {
        id: `roles-no-app:${api.id}`,
        status: 'warn',
        subject: api.displayName,
        title: 'Required roles cannot be checked',
        detail: `${api.displayName}'s operations require ${[...needed.keys()].join(', ')}, but no app registration is mapped to the API.`,
        fix: 'Map the API to its app registration (fix the audiences above, or set the mapping on the catalog page).',
      },
    ];
  }
  return [...needed].map(([role, ops]): Finding => {
    const defined = app.appRoles.find((r) => r.value === role);
    const base = { subject: api.displayName, id: `role:${api.id}:${role}` };
    if (defined?.isEnabled)
      return { ...base, status: 'ok', title: `${role} is a role of ${app.displayName}`, detail: `Required by ${ops.join(', ')}.` };
    return {
      ...base,
      status: 'error',
      title: defined ? `${role} is disabled on ${app.displayName}` : `${role} is not a role of ${app.displayName}`,
      detail: `${ops.join(', ')} ${ops.length === 1 ? 'requires' : 'require'} ${role}, but ${app.displayName} ${defined ? 'has it disabled' : `defines only ${app.appRoles.map((r) => r.value).join(', ') || 'no roles'}`}: no token will carry it, so every call is refused with 403.`,
      fix: defined
        ? `Enable ${role} in ${app.displayName}'s app roles.`
        : `Add an app role with the value ${role} to ${app.displayName}, or correct the role name in the operations' policy (values compare exactly, case included).`,
    };
  });
}

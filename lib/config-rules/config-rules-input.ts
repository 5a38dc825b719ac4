import type { IndexedApi, IndexedApp, IndexedOperation } from '@/lib/catalog/catalog-types';
import type { JwtValidation } from '@/lib/policy/jwt-validation';

/** An app registration as a rule needs it, whether read from the index or looked up in the directory. */
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

/** The portal's own registration, when the caller read it from the directory (the doctor does; the drift report does not). */
export interface PortalRegistration {
  app: (Pick<RegisteredApp, 'appId' | 'displayName'> & { redirectUris: string[] }) | null;
  clientId: string;
  publicUrl: string;
}

/** The facts every configuration rule reads: the catalog index, this tenant, and what the caller looked up beyond it. */
export interface ConfigRulesInput {
  apis: ApiUnderCheck[];
  apps: Pick<IndexedApp, 'appId' | 'displayName' | 'identifierUris' | 'tokenVersion' | 'appRoles'>[];
  tenant: { tenantId: string; authorityHost: string; v1IssuerHost: string };
  /** Audiences the index maps to no app, as the directory answered for them (null: no such app). */
  directoryApps?: ReadonlyMap<string, RegisteredApp | null>;
  portal?: PortalRegistration;
}

export const roleMapLink = (apiId: string) => ({ label: 'Open the role map', href: `/admin/apis/${encodeURIComponent(apiId)}/policy` });
export const apiLink = (apiId: string) => ({ label: 'Open the API', href: `/apis/${encodeURIComponent(apiId)}` });

/** A `{{named value}}` the sync could not read (a secret, or one that does not exist). */
export const unresolved = (value: string) => /\{\{[^}]+\}\}/.test(value);
export const withoutTrailingSlash = (value: string) => value.replace(/\/+$/, '');
export const sameText = (a: string, b: string) => withoutTrailingSlash(a).toLowerCase() === withoutTrailingSlash(b).toLowerCase();

export const mappedApp = (input: ConfigRulesInput, entry: ApiUnderCheck) => input.apps.find((a) => a.appId === entry.api.appId) ?? null;

/** Operations whose validate-jwt lists the value, by id. */
export function operationsListing(entry: ApiUnderCheck, pick: (v: JwtValidation) => string[], value: string): string[] {
  return entry.operations.filter((op) => op.access.validations.some((v) => pick(v).includes(value))).map((op) => op.id);
}

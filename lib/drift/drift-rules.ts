import 'server-only';
import type { IndexedApi, IndexedApp, IndexedOperation } from '@/lib/catalog/catalog-types';
import type { JwtValidation } from '@/lib/policy/jwt-validation';
import { v1IssuerOf } from '@/lib/azure-clouds';
import { rolesMentioned } from '@/lib/policy/role-requirements';
import type { DriftFinding } from './drift-types';
import { plural } from '@/lib/text/plural';

// Pure rules over the catalog index: each takes the indexed APIs, operations and apps and returns findings.

export interface DriftInput {
  apis: { api: IndexedApi; operations: IndexedOperation[] }[];
  apps: IndexedApp[];
  tenant: { tenantId: string; authorityHost: string; v1IssuerHost: string };
}

type Entry = DriftInput['apis'][number];

const roleMapFix = (apiId: string) => ({ label: 'Open the role map', href: `/admin/apis/${encodeURIComponent(apiId)}/policy` });
const apiFix = (apiId: string) => ({ label: 'Open the API', href: `/apis/${encodeURIComponent(apiId)}` });
const unresolved = (value: string) => /\{\{[^}]+\}\}/.test(value);
const trimSlash = (value: string) => value.replace(/\/+$/, '').toLowerCase();
const validationsOf = (entry: Entry): JwtValidation[] => entry.operations.flatMap((op) => op.access.validations);
const appOf = (input: DriftInput, entry: Entry) => input.apps.find((a) => a.appId === entry.api.appId) ?? null;

export function operationsWithoutTokenValidation(input: DriftInput): DriftFinding[] {
  return input.apis.flatMap(({ api, operations }) => {
    const open = operations.filter((op) => !op.access.validatesToken).map((op) => op.id);
    if (open.length === 0) return [];
    return [
      {
        kind: 'no-token-validation',
        severity: 'high',
        apiId: api.id,
        appId: api.appId,
        title: `${api.displayName}: ${open.length} of ${plural(operations.length, 'operation')} accept${open.length === 1 ? 's' : ''} calls without a token`,
        detail: 'No validate-jwt runs for these operations, so any caller reaches the backend.',
        operations: open,
        fix: roleMapFix(api.id),
      },
    ];
  });
}

export function rolesRequiredButUndefined(input: DriftInput): DriftFinding[] {
  return input.apis.flatMap((entry) => {
    const app = appOf(input, entry);
    if (!app) return [];
    const defined = new Set(app.appRoles.filter((r) => r.isEnabled).map((r) => r.value));
    const byRole = new Map<string, string[]>();
    for (const op of entry.operations) {
      for (const role of rolesMentioned(op.access).filter((r) => !defined.has(r) && !unresolved(r)))
        byRole.set(role, [...(byRole.get(role) ?? []), op.id]);
    }
    return [...byRole].map(([role, operations]): DriftFinding => ({
      kind: 'role-undefined',
      severity: 'high',
      apiId: entry.api.id,
      appId: app.appId,
      title: `${entry.api.displayName} requires ${role}, which ${app.displayName} does not define`,
      detail: 'Nobody can be given this role, so these operations refuse every caller that relies on it.',
      operations,
      fix: roleMapFix(entry.api.id),
    }));
  });
}

export function rolesDefinedButUnenforced(input: DriftInput): DriftFinding[] {
  return input.apps.flatMap((app) => {
    const entries = input.apis.filter((e) => e.api.appId === app.appId);
    if (entries.length === 0) return [];
    const enforced = new Set(entries.flatMap((e) => e.operations.flatMap((op) => op.access.requiredRoles.flat())));
    const first = entries[0] as Entry;
    return app.appRoles
      .filter((r) => r.isEnabled && r.allowedMemberTypes.includes('User') && !enforced.has(r.value))
      .map((role): DriftFinding => ({
        kind: 'role-unenforced',
        severity: 'low',
        apiId: first.api.id,
        appId: app.appId,
        title: `${app.displayName} defines ${role.value}, but no operation requires it`,
        detail: `Holders of ${role.value} gain nothing from it at the gateway (${entries.map((e) => e.api.displayName).join(', ')}).`,
        operations: [],
        fix: roleMapFix(first.api.id),
      }));
  });
}

export function audiencesMatchingNoApp(input: DriftInput): DriftFinding[] {
  const known = new Set(input.apps.flatMap((a) => [a.appId, ...a.identifierUris].map((v) => v.toLowerCase())));
  return input.apis.flatMap((entry) => {
    const audiences = [...new Set(validationsOf(entry).flatMap((v) => v.audiences))].sort();
    return audiences
      .filter((aud) => !known.has(aud.toLowerCase()))
      .map((aud): DriftFinding => ({
        kind: 'audience-unmatched',
        severity: 'medium',
        apiId: entry.api.id,
        appId: entry.api.appId,
        title: `${entry.api.displayName} accepts the audience ${aud}, which names no app registration`,
        detail: unresolved(aud)
          ? 'The audience comes from a named value whose value Roleport could not read.'
          : 'No app registration in the tenant has this client id or App ID URI, so no token Entra issues can carry it.',
        operations: entry.operations.filter((op) => op.access.validations.some((v) => v.audiences.includes(aud))).map((op) => op.id),
        fix: apiFix(entry.api.id),
      }));
  });
}

export function openIdConfigInAnotherTenant(input: DriftInput): DriftFinding[] {
  const tenant = input.tenant.tenantId.toLowerCase();
  return input.apis.flatMap((entry) => {
    const urls = [...new Set(validationsOf(entry).flatMap((v) => v.openIdConfigUrls))].filter((u) => !unresolved(u));
    return urls
      .filter((url) => !url.toLowerCase().split(/[/?#]/).includes(tenant))
      .map((url): DriftFinding => ({
        kind: 'foreign-tenant',
        severity: 'high',
        apiId: entry.api.id,
        appId: entry.api.appId,
        title: `${entry.api.displayName} validates tokens against a discovery document outside this tenant`,
        detail: `${url} does not name tenant ${input.tenant.tenantId}; tokens from another tenant (or any tenant) may be accepted.`,
        operations: entry.operations.filter((op) => op.access.validations.some((v) => v.openIdConfigUrls.includes(url))).map((op) => op.id),
        fix: roleMapFix(entry.api.id),
      }));
  });
}

export function issuerVersionMismatches(input: DriftInput): DriftFinding[] {
  const { tenantId, authorityHost, v1IssuerHost } = input.tenant;
  const v1 = trimSlash(v1IssuerOf(v1IssuerHost, tenantId));
  const v2 = trimSlash(`${authorityHost}/${tenantId}/v2.0`);
  return input.apis.flatMap((entry) => {
    const app = appOf(input, entry);
    if (!app) return [];
    const expected = app.tokenVersion === 2 ? v2 : v1;
    const other = app.tokenVersion === 2 ? v1 : v2;
    const wrong = entry.operations.filter((op) =>
      op.access.validations.some((v) => {
        const issuers = v.issuers.filter((i) => !unresolved(i)).map(trimSlash);
        return issuers.length > 0 && !issuers.includes(expected) && issuers.includes(other);
      }),
    );
    if (wrong.length === 0) return [];
    return [
      {
        kind: 'issuer-version',
        severity: 'high',
        apiId: entry.api.id,
        appId: app.appId,
        title: `${entry.api.displayName} accepts only v${app.tokenVersion === 2 ? 1 : 2} issuers, but ${app.displayName} issues v${app.tokenVersion} tokens`,
        detail: `Tokens for this app carry the issuer ${app.tokenVersion === 2 ? `${authorityHost}/${tenantId}/v2.0` : v1IssuerOf(v1IssuerHost, tenantId)}; the policy rejects them.`,
        operations: wrong.map((op) => op.id),
        fix: roleMapFix(entry.api.id),
      },
    ];
  });
}

export function apisWithoutApp(input: DriftInput): DriftFinding[] {
  return input.apis
    .filter((e) => !e.api.appId)
    .map(({ api }): DriftFinding => ({
      kind: 'no-app',
      severity: 'medium',
      apiId: api.id,
      appId: null,
      title: `${api.displayName} has no mapped app registration`,
      detail: 'Nobody can request a role for it, and Roleport cannot generate its policy until an app registration is mapped.',
      operations: [],
      fix: apiFix(api.id),
    }));
}

const RULES = [
  operationsWithoutTokenValidation,
  rolesRequiredButUndefined,
  rolesDefinedButUnenforced,
  audiencesMatchingNoApp,
  openIdConfigInAnotherTenant,
  issuerVersionMismatches,
  apisWithoutApp,
];

export function findDrift(input: DriftInput): DriftFinding[] {
  return RULES.flatMap((rule) => rule(input));
}

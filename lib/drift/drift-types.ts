// Drift between APIM policies and Entra app registrations, as the drift report shows it (client-safe).

export type DriftKind =
  'no-token-validation' | 'role-undefined' | 'role-unenforced' | 'audience-unmatched' | 'foreign-tenant' | 'issuer-version' | 'no-app';

export interface DriftFinding {
  kind: DriftKind;
  severity: 'high' | 'medium' | 'low';
  apiId: string | null;
  appId: string | null;
  title: string;
  detail: string;
  operations: string[];
  fix: { label: string; href: string };
}

export const DRIFT_KIND_LABEL: Record<DriftKind, string> = {
  'no-token-validation': 'Operations with no token validation',
  'role-undefined': 'Roles required but not defined on the app registration',
  'role-unenforced': 'Roles defined but enforced nowhere',
  'audience-unmatched': 'Audiences that match no app registration',
  'foreign-tenant': 'Token validation against another tenant',
  'issuer-version': 'Issuer does not match the app’s token version',
  'no-app': 'APIs with no mapped app registration',
};

import type { ConfigCheck, ConfigFinding } from '@/lib/config-rules/config-finding';

// The drift report's view of the configuration rules: what the index shows wrong between APIM and Entra, grouped
// by check. Client-safe, so the page can name its groups.

/** The checks the drift report shows, in the order of its sections, each with the section's heading. */
export const DRIFT_SECTIONS = {
  'token-validation': 'Operations with no token validation',
  'required-role': 'Roles required but not defined on the app registration',
  'role-enforced': 'Roles defined but enforced nowhere',
  audience: 'Audiences that match no app registration',
  'openid-config': 'Token validation against another tenant',
  'issuer-version': 'Issuer does not match the app’s token version',
  'app-mapped': 'APIs with no mapped app registration',
} as const satisfies Partial<Record<ConfigCheck, string>>;

export type DriftCheck = keyof typeof DRIFT_SECTIONS;

interface DriftSection {
  check: DriftCheck;
  heading: string;
  findings: ConfigFinding[];
}

const ORDER = { high: 0, medium: 1, low: 2 } as const;

const isDriftCheck = (check: ConfigCheck): check is DriftCheck => check in DRIFT_SECTIONS;

/** The problems among the findings that the drift report shows, most severe first. */
export function selectDrift(findings: ConfigFinding[]): ConfigFinding[] {
  return findings
    .filter((f) => f.status !== 'ok' && isDriftCheck(f.check))
    .sort((a, b) => ORDER[a.severity ?? 'low'] - ORDER[b.severity ?? 'low']);
}

/** The drift report's sections: one per check with problems, in the report's order. */
export function driftSections(drift: ConfigFinding[]): DriftSection[] {
  return (Object.entries(DRIFT_SECTIONS) as [DriftCheck, string][])
    .map(([check, heading]) => ({ check, heading, findings: drift.filter((f) => f.check === check) }))
    .filter((s) => s.findings.length > 0);
}

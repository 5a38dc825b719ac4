// One finding type for every configuration check Roleport makes: the drift report and the configuration doctor
// (page and `npm run doctor`) select from the same findings. Client-safe: no server import.

/** Every check that yields findings: the rules over the catalog index and the doctor's live probes of the tenant. */
export type ConfigCheck =
  // Rules over the catalog index (lib/config-rules/run-config-rules.ts).
  | 'token-validation'
  | 'openid-config'
  | 'audience'
  | 'required-role'
  | 'role-enforced'
  | 'issuer-version'
  | 'app-mapped'
  | 'portal-redirect'
  // Live probes of the tenant (lib/doctor/).
  | 'discovery'
  | 'credential'
  | 'apim'
  | 'catalog-sync'
  | 'graph-permission'
  | 'arm-permission'
  | 'console-reach';

export type FindingStatus = 'ok' | 'warn' | 'error';

export interface ConfigFinding {
  /** Unique within one report; stable across runs for the same fact. */
  id: string;
  check: ConfigCheck;
  /** error breaks sign-in, token validation or a feature; warn cannot be confirmed or hurts no caller yet. */
  status: FindingStatus;
  /** How urgent a problem is, to order a report; left out by probes nothing ranks. */
  severity?: 'high' | 'medium' | 'low';
  /** What the finding is about, as a reader names it (an API, the portal registration, the tenant). */
  subject: string;
  apiId?: string | null;
  appId?: string | null;
  /** Operations the finding is about, by id. */
  operations?: string[];
  title: string;
  detail: string;
  /** What to change, in words. */
  fix?: string;
  /** Where the fix is made: a page of the portal, or an Entra URL (admin consent). */
  link?: { label: string; href: string };
}

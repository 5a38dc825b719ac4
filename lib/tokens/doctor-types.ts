import type { JwtClaims, JwtHeader } from './decode-jwt';
import type { KeySource } from './fetch-signing-keys';

/** A role the directory (Graph) says the user holds on the API's app registration. */
export interface RoleHeldOnApi {
  value: string;
  via: 'direct' | 'group';
  groupName?: string;
  /** ISO 8601 creation time of the assignment (Graph `createdDateTime`). */
  assignedAt?: string;
}

export interface DoctorApi {
  displayName: string;
  /** The API app registration's client id. */
  appId: string;
  /** App ID URIs, e.g. `api://contoso-orders`; the first is used when telling the caller which scope to request. */
  identifierUris: string[];
  /** The registration's `api.requestedAccessTokenVersion` (null counts as 1). */
  tokenVersion: 1 | 2;
}

/** What the API's `validate-jwt` enforces, as read from its effective policy. */
export interface DoctorPolicy {
  audiences: string[];
  issuers: string[];
  openIdConfigUrls: string[];
}

export interface DoctorContext {
  now?: Date;
  /** Tolerance the doctor applies to exp/nbf/iat; 300 s when absent. The gateway applies its own `clock-skew` attribute instead. */
  clockSkewSeconds?: number;
  expectedTenantId: string;
  keySource: KeySource;
  api?: DoctorApi;
  policy?: DoctorPolicy;
  /** Roles the chosen operation requires: every inner list must be met by at least one of its values. */
  requiredRoles?: string[][];
  operationName?: string;
  /** Roleport's own client id, to recognise a portal token pasted by mistake. */
  portalClientId?: string;
  heldRoles?: RoleHeldOnApi[];
}

export type CheckId = 'format' | 'alg' | 'signature' | 'exp' | 'nbf' | 'iat' | 'iss' | 'tenant' | 'aud' | 'ver' | 'roles' | 'azp';
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface Check {
  id: CheckId;
  label: string;
  status: CheckStatus;
  /** Plain text; the UI escapes it. */
  detail: string;
  fix?: string;
}

export type DiagnosisCode =
  | 'malformed'
  | 'alg-none'
  | 'hmac-alg'
  | 'unsupported-alg'
  | 'unknown-kid'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'other-tenant'
  | 'wrong-issuer'
  | 'issuer-version-mismatch'
  | 'wrong-audience'
  | 'role-assigned-after-token'
  | 'role-via-group-no-claim'
  | 'missing-role';

export interface Diagnosis {
  code: DiagnosisCode;
  title: string;
  explanation: string;
  fix: string;
  /** Set on role diagnoses when asking for the role is the way forward, so the UI can link "Request access". */
  requestRole?: string;
  /** On an app-only token: the calling application (client id), for whose service principal the role can be requested. */
  requestForApp?: string;
  /** The OR-set the token failed (role diagnoses only). */
  anyOfRoles?: string[];
}

export interface TokenDiagnosis {
  header: JwtHeader | null;
  claims: JwtClaims | null;
  checks: Check[];
  verdict: 'valid' | 'invalid';
  /** What the gateway answers with Roleport's policy layout: 401 from the API-scope validate-jwt, 403 from the operation's role check, null when it passes. */
  expectedStatus: 401 | 403 | null;
  summary: string;
  diagnoses: Diagnosis[];
}

/** What each check module receives: the decoded token and the context, with time already resolved. */
export interface CheckInput {
  header: JwtHeader;
  claims: JwtClaims;
  ctx: DoctorContext;
  nowSeconds: number;
  skewSeconds: number;
}

export interface CheckOutcome {
  checks: Check[];
  diagnoses: Diagnosis[];
}

/** A role the diagnosis says is missing, with the portal page that requests it. */
export interface RequestAccessLink {
  role: string;
  href: string;
  /** The request is for this application (client id), not for the signed-in user. */
  forApp?: string;
}

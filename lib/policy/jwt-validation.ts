// A token check as Roleport reads it from a policy; shared by the readers, the rules and the views.
import type { PolicyScope } from './policy-types';

export type TokenSource =
  { kind: 'header'; name: string; scheme?: string } | { kind: 'query'; name: string } | { kind: 'expression'; expression: string };

export interface RequiredClaim {
  name: string;
  /** APIM's default is `all`. */
  match: 'all' | 'any';
  separator?: string;
  values: string[];
}

/**
 * One token check, as Roleport stores it: a `validate-jwt`, or a `validate-azure-ad-token` (whose accepted audiences are
 * its `<audiences>` and `<backend-application-ids>`, and whose issuers are Entra's for `tenantId`). Text fields are
 * resolved from named values where a value was given.
 */
export interface JwtValidation {
  /** Absent for validate-jwt. */
  form?: 'validate-azure-ad-token';
  scope: PolicyScope;
  managedByRoleport: boolean;
  /** The policy fragment the check came from, when it was included. */
  fragmentId?: string;
  /** validate-azure-ad-token only. */
  tenantId?: string;
  clientApplicationIds?: string[];
  /** Null when the element names no token source (APIM rejects such a policy). */
  tokenSource: TokenSource | null;
  failedValidationHttpCode: number;
  failedValidationErrorMessage?: string;
  outputTokenVariableName?: string;
  openIdConfigUrls: string[];
  audiences: string[];
  issuers: string[];
  requiredClaims: RequiredClaim[];
  /** Every `{{named-value}}` the element refers to. */
  namedValues: string[];
  /** Those left as `{{…}}` because no value was supplied for them. */
  unresolvedNamedValues: string[];
}

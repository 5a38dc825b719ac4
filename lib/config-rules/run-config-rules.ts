import { checkAppMapped } from './app-mapped-rule';
import { checkAudiences } from './audience-rule';
import type { ConfigFinding } from './config-finding';
import type { ConfigRulesInput } from './config-rules-input';
import { checkIssuerVersion } from './issuer-version-rule';
import { checkOpenIdConfig } from './openid-config-rule';
import { checkPortalRedirect } from './portal-redirect-rule';
import { checkRequiredRoles } from './required-role-rule';
import { checkRolesEnforced } from './role-enforced-rule';
import { checkTokenValidation } from './token-validation-rule';

/** In the order a reader fixes things: sign-in, then who the gateway trusts, then what it requires. */
const RULES: ((input: ConfigRulesInput) => ConfigFinding[])[] = [
  checkPortalRedirect,
  checkTokenValidation,
  checkOpenIdConfig,
  checkAudiences,
  checkIssuerVersion,
  checkAppMapped,
  checkRequiredRoles,
  checkRolesEnforced,
];

/**
 * Every configuration invariant over the catalog index and the tenant, passes included. The drift report and the
 * configuration doctor are views of this one list (lib/drift/select-drift.ts, lib/doctor/doctor-sections.ts).
 */
export function runConfigRules(input: ConfigRulesInput): ConfigFinding[] {
  return RULES.flatMap((rule) => rule(input));
}

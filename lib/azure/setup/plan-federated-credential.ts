import 'server-only';
import { AZURE_CLOUDS } from '@/lib/azure-clouds';
import type { SetupConfig } from '@/lib/env';
import type { AppView } from './read-tenant';

export interface FederatedCredentialBody {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string;
}

/**
 * The federated identity credential that lets Roleport's host identity stand in for the client secret: issuer the
 * tenant's v2.0 authority, subject the managed identity's principal (object) id, audience the cloud's token-exchange
 * URI (learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity).
 * Undefined when the registration already trusts that identity.
 */
export function planFederatedCredential(
  config: SetupConfig,
  app: AppView | null,
  principalId: string,
): FederatedCredentialBody | undefined {
  const issuer = `${config.authorityHost}/${config.tenantId}/v2.0`;
  const subject = principalId.toLowerCase();
  if (app?.federatedCredentials.some((c) => c.issuer === issuer && c.subject.toLowerCase() === subject)) return undefined;
  return {
    name: `roleport-host-${subject}`,
    issuer,
    subject,
    audiences: [AZURE_CLOUDS[config.cloud.name].tokenExchangeAudience],
    description: "Roleport's managed identity signs users in instead of a client secret.",
  };
}

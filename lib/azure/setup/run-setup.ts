import 'server-only';
import { allowsAction, readServicePermissions } from '@/lib/azure/authorization/effective-permissions';
import type { SetupConfig } from '@/lib/env';
import { idsOf, type AppliedIds } from './applied-ids';
import { applySetupStep } from './apply-setup';
import { planSetup, type SetupStep } from './plan-setup';
import { readTenant } from './read-tenant';
import type { SetupClients } from './setup-clients';

export interface SetupOptions {
  dryRun: boolean;
  /** Add a client secret even when the registration has one (rotation). */
  newSecret: boolean;
  /** Never add a client secret (a registration that signs in with a federated credential). */
  noSecret?: boolean;
  /** The principal id of Roleport's managed identity, trusted as a federated credential instead of a secret. */
  federatedIdentity?: string;
  /** Leave Event Grid's delivery of APIM events alone (e.g. before Roleport runs at PUBLIC_URL to answer its handshake). */
  noEventGrid?: boolean;
  /** APIs (client id or App ID URI) the console should call: admin consent to their delegated scopes. */
  consoleApis: string[];
}

export interface SetupOutcome {
  steps: SetupStep[];
  applied: boolean;
  clientId?: string;
}

const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write';

const EVENT_SUBSCRIPTION_WRITE = 'Microsoft.EventGrid/eventSubscriptions/write';

/** Refuses before writing anything when the operator cannot make the ARM writes the plan ends with. */
async function checkOperatorRights(clients: SetupClients, config: SetupConfig, steps: SetupStep[]) {
  const needs = [
    ...(steps.some((s) => s.kind === 'assign-apim-role')
      ? [
          {
            action: ROLE_ASSIGNMENT_WRITE,
            what: 'assign roles',
            who: 'an Owner, User Access Administrator or Role Based Access Control Administrator',
          },
        ]
      : []),
    ...(steps.some((s) => s.kind === 'put-event-subscription')
      ? [
          {
            action: EVENT_SUBSCRIPTION_WRITE,
            what: 'create Event Grid subscriptions',
            who: 'an Owner, Contributor or EventGrid EventSubscription Contributor',
          },
        ]
      : []),
  ];
  if (needs.length === 0) return;
  const permissions = await readServicePermissions(clients.authorization, config.apim);
  for (const need of needs)
    if (!allowsAction(permissions, need.action))
      throw new Error(
        `You may not ${need.what} on the API Management service ${config.apim.serviceName} (${need.action}). Ask ${need.who} of the service to run the set-up; nothing was changed.`,
      );
}

function printEnvironment(config: SetupConfig, ids: AppliedIds, options: SetupOptions, print: (line: string) => void) {
  print('');
  print('Set these environment variables for Roleport:');
  print(`AZURE_TENANT_ID=${config.tenantId}`);
  print(`AZURE_CLIENT_ID=${ids.appId ?? '<the client id above>'}`);
  if (ids.secret) {
    print(`AZURE_CLIENT_SECRET=${ids.secret}`);
    print('  ^ the new client secret, shown this once: store it now (a Key Vault secret referenced by the app setting).');
  } else if (options.federatedIdentity) {
    print('AZURE_APP_CREDENTIAL=managed-identity');
    print(`# No AZURE_CLIENT_SECRET: the managed identity ${options.federatedIdentity} is the sign-in's federated credential.`);
  } else print('# AZURE_CLIENT_SECRET: unchanged; set-up shows only a secret it creates (--new-secret adds one).');
  print(`APIM_SUBSCRIPTION_ID=${config.apim.subscriptionId}`);
  print(`APIM_RESOURCE_GROUP=${config.apim.resourceGroup}`);
  print(`APIM_SERVICE_NAME=${config.apim.serviceName}`);
  print(`PUBLIC_URL=${config.publicUrl}`);
  if (config.cloud.name !== 'AzurePublicCloud') print(`AZURE_CLOUD=${config.cloud.name}`);
  print('# NEXTAUTH_SECRET and AUDIT_HMAC_KEY: 32+ random characters each, kept in Key Vault (e.g. openssl rand -base64 32).');
  print('# Then run `npm run doctor` with that environment to check everything Roleport needs, as Roleport.');
}

/** Reads the tenant, prints the plan, and (unless a dry run) applies it; a second run finds nothing to change. */
export async function runSetup(
  config: SetupConfig,
  clients: SetupClients,
  options: SetupOptions,
  print: (line: string) => void,
): Promise<SetupOutcome> {
  print(`Roleport set-up: tenant ${config.tenantId}, API Management service ${config.apim.serviceName}, portal ${config.publicUrl}`);
  const state = await readTenant(clients, config, options.consoleApis, { eventGrid: !options.noEventGrid });
  const steps = planSetup(config, state, options);
  const ids = idsOf(state);
  if (steps.length === 0) {
    print(
      'No changes: the app registration, its service principal, permissions, consent, API Management role and Event Grid delivery are already as Roleport needs them.',
    );
    printEnvironment(config, ids, options, print);
    return { steps, applied: false, clientId: ids.appId };
  }
  print(options.dryRun ? 'Plan (dry run: nothing will be changed):' : 'Plan:');
  for (const step of steps) print(`  + ${step.text}`);
  if (options.dryRun) return { steps, applied: false, clientId: ids.appId };
  await checkOperatorRights(clients, config, steps);
  for (const step of steps) {
    try {
      await applySetupStep(clients, config, state, step, ids);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Could not ${step.text}: ${reason} The steps before it are done; fix the cause and run the set-up again to finish.`);
    }
    print(`  done: ${step.text}`);
  }
  printEnvironment(config, ids, options, print);
  return { steps, applied: true, clientId: ids.appId };
}

// `npm run setup:azure [-- --dry-run] [--new-secret | --no-secret | --federated-identity <principal id>] [--console-api …]…`: creates or updates
// Roleport's app registration, service principal, Graph permissions with admin consent, delegated consent and its role
// on the API Management service and Event Grid's delivery of APIM events to its webhook (unless --no-event-grid),
// idempotently, then prints the environment to set. Exit 0 on success, 1 otherwise.
import nextEnv from '@next/env';
import { operatorCredential, setupClients } from '../lib/azure/setup/setup-clients';
import { runSetup } from '../lib/azure/setup/run-setup';
import { ConfigError, loadSetupConfig } from '../lib/env';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE =
  'Usage: npm run setup:azure -- [--dry-run] [--new-secret | --no-secret | --federated-identity <managed identity principal id>]\n' +
  '       [--no-event-grid] [--console-api <client id or App ID URI>]...\n' +
  'Reads AZURE_TENANT_ID, APIM_SUBSCRIPTION_ID, APIM_RESOURCE_GROUP, APIM_SERVICE_NAME, PUBLIC_URL (and optionally AZURE_CLIENT_ID,\n' +
  'ROLEPORT_APP_NAME, AZURE_CLOUD, SETUP_CREDENTIAL) from the environment or .env.';

function parseArgs(args: string[]) {
  const options = {
    dryRun: false,
    newSecret: false,
    noSecret: false,
    noEventGrid: false,
    federatedIdentity: undefined as string | undefined,
    consoleApis: [] as string[],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--new-secret') options.newSecret = true;
    else if (arg === '--no-secret') options.noSecret = true;
    else if (arg === '--no-event-grid') options.noEventGrid = true;
    else if (arg === '--console-api' && args[i + 1]) options.consoleApis.push(args[++i]!);
    else if (arg === '--federated-identity' && GUID.test(args[i + 1] ?? '')) options.federatedIdentity = args[++i]!;
    else return null;
  }
  const secretChoices = [options.newSecret, options.noSecret, Boolean(options.federatedIdentity)].filter(Boolean).length;
  return secretChoices > 1 ? null : options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!options) {
    console.error(USAGE);
    return 1;
  }
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  try {
    const config = loadSetupConfig();
    const credential = operatorCredential(config, (message) => console.log(message));
    await runSetup(config, setupClients(config, credential), options, (line) => console.log(line));
    return 0;
  } catch (error) {
    console.error(
      error instanceof ConfigError
        ? `${error.message}\n${USAGE}`
        : `Set-up failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

main().then((code) => process.exit(code));

// Rule: `npm run setup:azure` signs the operator in with a device code through the Azure CLI's client (the real DeviceCodeCredential) and sets the tenant up as that user; a user without the directory role and Azure role it takes changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES } from '@/emulator/arm/rbac';
import { DEMO_PASSWORD, USERS } from '@/emulator/seed/demo-tenant';
import { SERVICE_SCOPE } from '@/emulator/seed/rbac-seed';
import { loadSetupConfig } from '@/lib/env';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { emulatedSetupEnv } from '@/test/harness/setup-env';
import { runSetup } from './run-setup';
import { operatorCredential, setupClients } from './setup-clients';

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
let env: PortalTestEnv;

/** The operator at the verification page: reads the code from the prompt and confirms it as `user`. */
async function confirmAs(message: string, user: { userPrincipalName: string }) {
  const url = /open the page (\S+) /.exec(message)?.[1];
  const code = /enter the code (\S+) /.exec(message)?.[1];
  expect(url).toBe(`${env.emulator.urls.authorityHost}/devicelogin`);
  const answer = await fetch(url!, {
    method: 'POST',
    body: new URLSearchParams({ user_code: code!, username: user.userPrincipalName, password: DEMO_PASSWORD, decision: 'continue' }),
  });
  expect(answer.status).toBe(200);
}

async function setupAs(user: { userPrincipalName: string }, appName: string) {
  const app = { name: appName, publicUrl: 'https://roleport.fabrikam.example' };
  const config = loadSetupConfig(emulatedSetupEnv(env.emulator.connection, app, 'device-code'));
  const prompts: string[] = [];
  const confirmations: Promise<void>[] = [];
  const credential = operatorCredential(config, (message) => {
    prompts.push(message);
    confirmations.push(confirmAs(message, user));
  });
  const lines: string[] = [];
  const run = runSetup(
    config,
    setupClients(config, credential),
    { dryRun: false, newSecret: false, noSecret: true, noEventGrid: true, consoleApis: [] },
    (l) => lines.push(l),
  );
  try {
    return { outcome: await run, prompts, output: lines.join('\n') };
  } finally {
    await Promise.all(confirmations);
  }
}

beforeAll(async () => {
  env = await startPortalTestEnv({ emulator: { deviceCode: { intervalSeconds: 1 } } });
  // Priya administers the tenant and the APIM service's access; Ada is a developer.
  env.emulator.directory.directoryRoles.set('a0b1c2d3-0000-4000-8000-00000000000a', {
    id: 'a0b1c2d3-0000-4000-8000-00000000000a',
    displayName: 'Global Administrator',
    description: 'Can manage all aspects of Microsoft Entra ID.',
    roleTemplateId: GLOBAL_ADMINISTRATOR,
    members: new Set([USERS.priya.oid]),
  });
  env.emulator.rbac.assign(USERS.priya.oid, BUILT_IN_ROLES['User Access Administrator']!, SERVICE_SCOPE);
});
afterAll(async () => env?.close());

describe('npm run setup:azure with a device code', () => {
  it('prompts once with a code for the verification page, and sets the tenant up as the administrator who confirmed it', async () => {
    const { outcome, prompts, output } = await setupAs(USERS.priya, 'Roleport Device');
    // One sign-in serves Graph and ARM: the operator enters one code (confirmAs checks the page and the code).
    expect(prompts).toHaveLength(1);
    expect(outcome.applied).toBe(true);
    const app = [...env.emulator.directory.applications.values()].find((a) => a.displayName === 'Roleport Device')!;
    // A user's app: owned by the user who created it, with consent and the APIM role granted on their behalf.
    expect(app.owners).toEqual([USERS.priya.oid]);
    const sp = env.emulator.directory.servicePrincipalByAppId(app.appId)!;
    expect(env.emulator.rbac.assignments.filter((a) => a.principalId === sp.id).map((a) => a.role.roleName)).toEqual([
      'API Management Service Contributor',
    ]);
    expect(output).toContain(`AZURE_CLIENT_ID=${app.appId}`);
    expect(output).not.toMatch(/^AZURE_CLIENT_SECRET=/m);
  }, 60_000);

  it('refuses, changing nothing, for a user who holds neither the directory role nor the Azure role', async () => {
    const before = env.emulator.directory.applications.size;
    await expect(setupAs(USERS.ada, 'Roleport Ada')).rejects.toThrow(/does not have authorization|Insufficient privileges/);
    expect(env.emulator.directory.applications.size).toBe(before);
  }, 60_000);
});

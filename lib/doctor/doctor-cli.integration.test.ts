// Rule: `npm run doctor` tries every permission Roleport needs against the configured tenant and exits 0 only when nothing is wrong, naming each missing permission with its fix.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { INVENTORY_APP, PORTAL_APP } from '@/emulator/seed/demo-tenant';
import { PORTAL_GRAPH_PERMISSIONS } from '@/emulator/seed/directory-seed';
import { PORTAL_ARM_ROLES } from '@/emulator/seed/rbac-seed';
import { loadTenantDoctor } from './load-tenant-doctor';

let env: PortalTestEnv;

beforeAll(async () => {
  // Tokens shorter-lived than the credential's renewal window, so each check runs with the current grants.
  env = await startPortalTestEnv({ emulator: { tokenLifetimeSeconds: 60 } });
  // The demo leaves the console without consent to the Inventory API on purpose; an administrator grants it here.
  env.emulator.directory.grantDelegated(PORTAL_APP.servicePrincipalId, INVENTORY_APP.servicePrincipalId, 'user_impersonation');
  // It also keeps an API whose audience no app registration has (a drift example); this tenant has retired it.
  env.emulator.apim!.apis.delete('legacy-billing');
});
afterAll(async () => env?.close());
afterEach(async () => setPermissions({ graph: PORTAL_GRAPH_PERMISSIONS, arm: PORTAL_ARM_ROLES }));

async function setPermissions(body: { graph?: string[]; arm?: string[] }) {
  const res = await fetch(`${env.emulator.urls.authorityHost}/_emulator/permissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

async function doctorCli() {
  try {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'doctor', '--', '--json'], {
      env: process.env,
      timeout: 60_000,
    });
    return {
      code: 0,
      report: JSON.parse(stdout) as {
        healthy: boolean;
        findings: { id: string; status: string; title: string; detail: string; fix?: string }[];
      },
    };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return {
      code: e.code,
      report: JSON.parse(e.stdout) as {
        healthy: boolean;
        findings: { id: string; status: string; title: string; detail: string; fix?: string }[];
      },
    };
  }
}

const problems = (report: Awaited<ReturnType<typeof loadTenantDoctor>>) =>
  report.sections.flatMap((s) => s.findings).filter((f) => f.status === 'error');

describe('npm run doctor', () => {
  it('finds a healthy tenant healthy and exits 0, with JSON for pipelines', async () => {
    const report = await loadTenantDoctor();
    expect(problems(report)).toEqual([]);
    const ids = report.sections.flatMap((s) => s.findings.map((f) => f.id));
    for (const id of [
      'discovery',
      'credential',
      'apim',
      'catalog-sync',
      'portal-redirect',
      'graph-permission:graph.assignRoles',
      'arm-permission:arm.writePolicies',
    ])
      expect(ids).toContain(id);
    const cli = await doctorCli();
    expect(cli.code).toBe(0);
    expect(cli.report.healthy).toBe(true);
    expect(cli.report.findings.length).toBeGreaterThan(10);
  }, 90_000);

  it('exits 1 naming a Graph permission removed from Roleport, with its fix', async () => {
    await setPermissions({ graph: PORTAL_GRAPH_PERMISSIONS.filter((p) => p !== 'GroupMember.ReadWrite.All') });
    const cli = await doctorCli();
    expect(cli.code).toBe(1);
    expect(cli.report.healthy).toBe(false);
    const bad = cli.report.findings.filter((f) => f.status === 'error');
    expect(bad.map((f) => f.id)).toEqual(['graph-permission:graph.writeGroupMembers']);
    expect(bad[0]!.title).toContain('GroupMember.ReadWrite.All');
    expect(bad[0]!.fix).toContain('admin consent');
  }, 90_000);

  it('names the RBAC actions a narrower role lacks, without writing a policy', async () => {
    await setPermissions({ arm: ['API Management Service Reader Role'] });
    const before = JSON.stringify([...env.emulator.apim!.policies.entries()]);
    const report = await loadTenantDoctor();
    expect(report.healthy).toBe(false);
    const bad = problems(report).map((f) => `${f.id}: ${f.detail}`);
    expect(bad.join('\n')).toContain('Microsoft.ApiManagement/service/apis/operations/policies/write');
    expect(bad.join('\n')).toContain('Microsoft.ApiManagement/service/subscriptions/listSecrets/action');
    expect(JSON.stringify([...env.emulator.apim!.policies.entries()])).toBe(before);
  });

  it('names each API the console cannot call for want of consent', async () => {
    const grant = [...env.emulator.directory.permissionGrants.values()].find((g) => g.resourceId === INVENTORY_APP.servicePrincipalId)!;
    env.emulator.directory.permissionGrants.delete(grant.id);
    try {
      const report = await loadTenantDoctor();
      expect(problems(report).map((f) => f.id)).toContain(`console-reach:${INVENTORY_APP.appId}`);
    } finally {
      env.emulator.directory.permissionGrants.set(grant.id, grant);
    }
  });
});

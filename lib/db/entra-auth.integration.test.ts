// Rule: with DATABASE_AUTH=entra every new PostgreSQL connection authenticates with a current Entra access token of Roleport's app credential for the PostgreSQL resource, never a stored password.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { useAzureModeEnv } from '@/test/harness/azure-mode-env';
import { startEntraPostgresFront } from '@/test/harness/entra-postgres-front';
import { PORTAL_APP } from '@/emulator/seed/demo-tenant';
import { createDatabase } from './connection';
import { portalDatabase } from './portal-database';

const base = process.env.TEST_DATABASE_URL;
let env: PortalTestEnv;
let front: Awaited<ReturnType<typeof startEntraPostgresFront>>;
let frontUrl: string;

describe.skipIf(!base)('PostgreSQL with Entra authentication', () => {
  beforeAll(async () => {
    // Tokens shorter-lived than the credential's five-minute renewal window: each new connection needs a new token.
    env = await startPortalTestEnv({ engine: 'postgres', emulator: { tokenLifetimeSeconds: 60 } });
    const real = new URL(process.env.DATABASE_URL!);
    front = await startEntraPostgresFront({
      target: { host: real.hostname, port: Number(real.port || 5432) },
      tokens: env.emulator.tokens,
      roles: { [real.username]: PORTAL_APP.servicePrincipalId },
    });
    const url = new URL(real);
    url.host = `127.0.0.1:${front.port}`;
    url.password = '';
    frontUrl = url.toString();
    useAzureModeEnv(env.emulator, { DATABASE_URL: frontUrl, DATABASE_AUTH: 'entra' });
  });
  afterAll(async () => {
    await (await portalDatabase().catch(() => null))?.close();
    await front?.close();
    await env?.close();
  });

  it('opens each connection with a fresh token of the app credential for the PostgreSQL resource', async () => {
    const { db } = await portalDatabase();
    // Two queries at once need two connections, each authenticated on its own.
    const rows = await Promise.all([1, 2].map(() => sql<{ n: number }>`select 1 as n, pg_sleep(0.2)`.execute(db)));
    expect(rows.map((r) => r.rows[0]?.n)).toEqual([1, 1]);
    const accepted = front.logins.filter((l) => l.accepted);
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    for (const login of accepted) expect(login.claims).toMatchObject({ oid: PORTAL_APP.servicePrincipalId, appid: PORTAL_APP.appId });
    // Renewed, not replayed: the credential fetched a new token for the later connection.
    expect(new Set(accepted.map((l) => l.token)).size).toBe(accepted.length);
  });

  it('cannot connect without it: the server asks for a password and a stored one is refused', async () => {
    const before = front.logins.length;
    const withPassword = new URL(frontUrl);
    withPassword.password = 'a-stored-password';
    const plain = createDatabase({ kind: 'postgres', url: withPassword.toString() });
    await expect(sql`select 1`.execute(plain.db)).rejects.toThrow(/password authentication failed/);
    await plain.close();
    expect(front.logins.slice(before).every((l) => !l.accepted)).toBe(true);
  });
});

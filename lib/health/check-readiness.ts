import 'server-only';
import { sql } from 'kysely';
import { getConfig } from '@/lib/env';
import { migrationStatus } from '@/lib/db/migrate';
import { portalDatabase } from '@/lib/db/portal-database';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const TIMEOUT_MS = 3000;

async function check(name: string, probe: () => Promise<string>): Promise<ReadinessCheck> {
  try {
    return { name, ok: true, detail: await probe() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : 'failed' };
  }
}

/** Any HTTP answer proves the endpoint is reachable; only the network failing counts against it. */
async function reachable(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
  return `HTTP ${response.status}`;
}

export async function checkReadiness(): Promise<ReadinessCheck[]> {
  const config = getConfig();
  return Promise.all([
    check('database', async () => {
      const { db, kind } = await portalDatabase();
      await sql`select 1`.execute(db);
      return kind;
    }),
    check('migrations', async () => {
      const status = await migrationStatus((await portalDatabase()).db);
      if (!status.current) throw new Error(`pending: ${status.pending.join(', ')}`);
      return `${status.applied.length} applied`;
    }),
    check('entra', async () => {
      const response = await fetch(`${config.authorityHost}/${config.tenantId}/v2.0/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`discovery answered HTTP ${response.status}`);
      return 'discovery document served';
    }),
    check('arm', () => reachable(config.armEndpoint)),
    check('graph', () => reachable(`${config.graphEndpoint}/v1.0/`)),
  ]);
}

// The production portal for the benchmark: its own build folder, database and port, pointed at the bench emulator.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runMigrations } from '../../lib/db/run-migrations';
import { PORTAL_NODE_FLAGS } from '../support/portal-node-flags';

export interface BenchPaths {
  distDir: string;
  dataDir: string;
  emulatorFile: string;
  caPem: string;
  port: number;
}

export function buildPortal(paths: BenchPaths, skipIfBuilt: boolean): void {
  if (skipIfBuilt && existsSync(path.join(paths.distDir, 'BUILD_ID'))) {
    console.log(`Reusing the production build in ${paths.distDir}.`);
    return;
  }
  console.log(`Building the portal into ${paths.distDir} ...`);
  const result = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ROLEPORT_NEXT_DIST_DIR: paths.distDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

export interface RunningPortal {
  url: string;
  /** The `next start` process: its CPU time and memory are read from /proc. */
  pid: number | undefined;
  /** Every line the server printed so far. */
  lines: string[];
  stop(): Promise<void>;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(`${url}/signin`, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the portal did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Runs `next start` (what `npm start` does, minus starting an emulator of its own) on a fresh SQLite database, or, with
 * `keepDatabase`, on the database the caller prepared (`env.DATABASE_URL` for PostgreSQL).
 */
export async function startPortal(
  paths: BenchPaths,
  options: { keepDatabase?: boolean; env?: Record<string, string> } = {},
): Promise<RunningPortal> {
  if (!options.keepDatabase) {
    rmSync(path.resolve(paths.dataDir), { recursive: true, force: true });
    await runMigrations({ kind: 'sqlite', file: path.resolve(paths.dataDir, 'roleport.db') });
  }
  const url = `http://localhost:${paths.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    PORT: String(paths.port),
    ROLEPORT_NEXT_DIST_DIR: paths.distDir,
    ROLEPORT_DATA_DIR: paths.dataDir,
    ROLEPORT_EMULATOR_FILE: paths.emulatorFile,
    NODE_EXTRA_CA_CERTS: paths.caPem,
    NEXTAUTH_URL: url,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
  };
  const child = spawn(
    process.execPath,
    [...PORTAL_NODE_FLAGS, path.resolve('node_modules/next/dist/bin/next'), 'start', '--port', String(paths.port)],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(url, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : error}\n${lines.slice(-20).join('\n')}`);
  }
  return { url, pid: child.pid, lines, stop };
}

// `npm run bench`: builds and starts the production portal against a large, slow, throttled emulator and prints
// its speed as ratios to one emulator round trip. A measurement, not a test: misses still exit 0.
import { spawn } from 'node:child_process';
import { register } from 'node:module';
import path from 'node:path';
import { ensureCertificates } from '../emulator/tls/ensure-certificates';

const CHILD_FLAG = 'ROLEPORT_BENCH_RUN';

/** The Azure SDKs trust the emulator's CA only if it is set when Node starts, so the bench runs in a child with it. */
async function relaunch(): Promise<never> {
  const certs = await ensureCertificates(path.resolve('.local'));
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] as string, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [CHILD_FLAG]: '1', NODE_EXTRA_CA_CERTS: certs.caCertPath },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}

if (process.env[CHILD_FLAG] !== '1') await relaunch();
register('./bench/server-only-hooks.mjs', import.meta.url);
try {
  const build = !process.argv.includes('--no-build');
  if (process.argv.includes('--js')) {
    // The first-load JS table alone, from an existing build (`npm run bench -- --js [distDir]`).
    const { firstLoadJs, firstLoadJsTable } = await import('./bench/first-load-js');
    const distDir = process.argv[process.argv.indexOf('--js') + 1] ?? '.next-bench';
    console.log(firstLoadJsTable(firstLoadJs(distDir.startsWith('--') ? '.next-bench' : distDir)));
  } else if (process.argv[process.argv.indexOf('--only') + 1] === 'pages' && process.argv.includes('--only')) {
    // The page step alone (`npm run bench -- --only pages [--no-build]`).
    const { runPageBench } = await import('./bench/page-bench');
    process.exitCode = await runPageBench({ build });
  } else if (process.argv.includes('--replicas')) {
    const { runReplicaBench } = await import('./bench/replica-bench');
    process.exitCode = await runReplicaBench({ build });
  } else {
    const { runBench } = await import('./bench/run-bench');
    process.exitCode = await runBench({ build });
  }
} catch (error) {
  console.error('The benchmark failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}

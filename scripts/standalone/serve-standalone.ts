// The standalone e2e's web server: the emulator, the image assembled from the Dockerfile, `node server.js` in it with
// the production configuration, and a TLS front at the public URL. Stops everything on SIGTERM/SIGINT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../emulator/start';
import { ensureCertificates } from '../../emulator/tls/ensure-certificates';
import { localDir } from '../../lib/env';
import { assembleImage } from './assemble-image';
import { deploymentSecrets, productionEnvironment, startProductionServer } from './production-server';
import { STANDALONE_PORTS } from './standalone-ports';
import { createScratchDatabase } from './scratch-database';
import { startTlsFront } from './tls-front';

async function main() {
  const certs = ensureCertificates(localDir());
  const base = STANDALONE_PORTS.emulator;
  const publicUrl = `https://localhost:${STANDALONE_PORTS.front}`;
  const emulator = await startEmulator({
    localDir: localDir(),
    ports: { entra: base, graph: base + 1, arm: base + 2, gateway: base + 3 },
    extraRedirectUris: [`${publicUrl}/api/auth/callback/azure-ad`],
  });
  const image = assembleImage();
  const scratch = process.env.TEST_DATABASE_URL
    ? await createScratchDatabase(process.env.TEST_DATABASE_URL, 'roleport_standalone')
    : undefined;
  const dataDir = scratch ? undefined : mkdtempSync(path.join(tmpdir(), 'roleport-standalone-data-'));
  console.log(`Standalone image in ${image.dir}; database ${scratch ? 'PostgreSQL (scratch)' : `SQLite in ${dataDir}`}`);
  const env = productionEnvironment({
    emulator: emulator.connection,
    publicUrl,
    databaseUrl: scratch?.url,
    dataDir,
    secrets: deploymentSecrets(),
    extra: { CATALOG_SYNC_INTERVAL_MINUTES: '60' },
  });
  const server = await startProductionServer(image, STANDALONE_PORTS.server, env, { echo: true });
  const front = await startTlsFront({ port: STANDALONE_PORTS.front, certPem: certs.certPem, keyPem: certs.keyPem, targets: [server.port] });
  console.log(`Standalone Roleport at ${publicUrl} (node server.js on port ${server.port})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await front.close();
    await emulator.stop();
    await scratch?.drop();
    rmSync(image.dir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

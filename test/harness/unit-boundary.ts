// Setup file of the unit project: a unit test that starts the emulator, opens a database, listens or connects on a
// socket, or spawns a process fails at that call, saying where such a test belongs. This is what keeps
// `npm run test:unit` fast and runnable with nothing else on the machine.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { vi } from 'vitest';

// Hoisted with the vi.mock calls below, which run before the rest of this file.
const { refusal } = vi.hoisted(() => ({
  refusal: (what: string) =>
    new Error(`A unit test may not ${what}: name the test file *.integration.test.ts so it runs in the integration project.`),
}));

function refuse(what: string) {
  return function refused(): never {
    throw refusal(what);
  };
}

// Every server (http, https, the emulator's surfaces) listens through net.Server, and every client connection
// (fetch, http(s).request, tls.connect, pg) connects through net.Socket, so these two cover the network.
net.Server.prototype.listen = refuse('listen on a socket') as typeof net.Server.prototype.listen;
net.Socket.prototype.connect = refuse('open a network connection') as typeof net.Socket.prototype.connect;

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  Object.defineProperty(childProcess, name, { value: refuse('start a process'), configurable: true, writable: true });
}
// Named ESM imports of node:child_process read the module's live exports; publish the replacements to them.
syncBuiltinESMExports();

// SQLite opens a file without any socket, so its driver is refused where it opens one.
vi.mock('better-sqlite3', () => ({
  default: class RefusedSqliteDatabase {
    constructor() {
      throw refusal('open a SQLite database');
    }
  },
}));

// The emulator would fail at its first listen; refusing its starter names the cause instead.
vi.mock('@/emulator/start', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/emulator/start')>()),
  startEmulator: async () => {
    throw refusal('start the emulator');
  },
}));

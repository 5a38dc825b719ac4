// Rule: a unit test cannot start the emulator, open a database, use the network or spawn a process; each attempt fails naming the integration project.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import net from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator/start';
import { createDatabase } from '@/lib/db/connection';
import { startArmFixture } from '@/test/harness/arm-fixture';

const WHERE = /A unit test may not .+: name the test file \*\.integration\.test\.ts so it runs in the integration project\./;

describe('the unit project', () => {
  it('refuses to listen on a socket', () => {
    expect(() => createServer().listen(0, '127.0.0.1')).toThrow(/may not listen on a socket/);
    expect(() => net.createServer().listen(0)).toThrow(WHERE);
  });

  it('refuses network connections, raw or through fetch', async () => {
    expect(() => net.connect(9, '127.0.0.1')).toThrow(/may not open a network connection/);
    const failure = await fetch('http://127.0.0.1:65535/').then(
      () => null,
      (error: unknown) => error,
    );
    expect((failure as Error & { cause?: Error }).cause?.message).toMatch(/may not open a network connection/);
  });

  it('refuses to spawn a process', () => {
    expect(() => execFileSync(process.execPath, ['--version'])).toThrow(/may not start a process/);
    expect(() => spawn(process.execPath, ['--version'])).toThrow(WHERE);
  });

  it('refuses to open a SQLite database', () => {
    expect(() => createDatabase({ kind: 'sqlite', file: ':memory:' })).toThrow(/may not open a SQLite database/);
  });

  it('refuses to connect to PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await expect(client.connect()).rejects.toThrow(/may not open a network connection/);
  });

  it('refuses to start the emulator, directly or through the harness', async () => {
    await expect(startEmulator({ ports: { entra: 0 }, surfaces: ['entra'] })).rejects.toThrow(/may not start the emulator/);
    await expect(startArmFixture()).rejects.toThrow(/may not start the emulator/);
  });
});

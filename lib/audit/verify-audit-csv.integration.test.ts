// Rule: `npm run audit:verify` accepts an untouched export and names the first bad row of one edited outside Roleport, even with its plain SHA-256 hashes recomputed.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { appendAuditEvent } from './append-audit-event';
import { auditEventCsvRow, AUDIT_CSV_COLUMNS, csvRow } from './audit-csv';
import { AUDIT_GENESIS_HASH, computeLegacyAuditHash } from './audit-hash';
import { readAuditCsv } from './read-audit-csv';
import { streamAuditCsv } from './stream-audit-csv';
import { verifyAuditCsv } from './verify-audit-csv';
import type { AuditEvent, AuditEventInput } from './audit-event';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const KEY = 'test-audit-key-'.padEnd(40, 'x');

async function exportCsv(db: Kysely<Database>, filter: Parameters<typeof streamAuditCsv>[1] = {}): Promise<string> {
  let csv = '';
  for await (const chunk of streamAuditCsv(db, filter, 2)) csv += chunk;
  return csv;
}

// Cells a naive CSV round trip would change: formula starts, a leading apostrophe, commas, quotes, line breaks, a negative number.
async function seed(db: Kysely<Database>): Promise<void> {
  const events: AuditEventInput[] = [
    {
      actor: { oid: 'oid-ada', name: "'=cmd|calc" },
      action: 'request.created',
      subject: { type: 'access_request', id: 'r1' },
      data: { note: 'a, "b"\r\nc' },
    },
    {
      actor: { oid: null, name: 'system' },
      action: 'request.expired',
      subject: { type: 'access_request', id: '-r2' },
      before: -5,
      after: null,
    },
    {
      actor: { oid: 'oid-bob', name: '@Bob' },
      action: 'policy.applied',
      subject: { type: 'api', id: 'orders' },
      data: { text: "+1'", list: [1, '=2'] },
    },
    { actor: { oid: 'oid-ada', name: 'Ada' }, action: 'request.cancelled', subject: { type: 'access_request', id: 'r1' } },
  ];
  for (const event of events) await withTransaction(db, (trx) => appendAuditEvent(trx, event));
}

/** Edits one event in the file and recomputes every hash from there with plain SHA-256, as someone without the key would. */
function forge(csv: string, seq: number, change: (event: AuditEvent) => AuditEvent): string {
  const chain = readAuditCsv(csv)
    .map((row) => row.event)
    .sort((a, b) => a.seq - b.seq);
  let prev = AUDIT_GENESIS_HASH;
  const forged = chain.map((event) => {
    const edited = event.seq === seq ? change(event) : event;
    if (event.seq < seq) return ((prev = event.hash), event);
    const hash = computeLegacyAuditHash(prev, edited);
    const next = { ...edited, prevHash: prev, hash };
    prev = hash;
    return next;
  });
  return csvRow(AUDIT_CSV_COLUMNS) + forged.reverse().map(auditEventCsvRow).join('');
}

describeEngines('verifyAuditCsv', (engine) => {
  it('accepts the export as written, in any row order, and refuses it under another key', async () => {
    const { db } = await engine.openMigrated();
    process.env.AUDIT_HMAC_KEY = KEY;
    try {
      await seed(db);
      const csv = await exportCsv(db);
      expect(verifyAuditCsv(csv, KEY)).toEqual({ ok: true, events: 4, firstSeq: 1, lastSeq: 4, gaps: 0, legacyThrough: 0 });
      expect(verifyAuditCsv(csv, 'another-key'.padEnd(32, '!'))).toMatchObject({ ok: false, seq: 1 });

      const filtered = await exportCsv(db, { actorOid: 'oid-ada' });
      expect(verifyAuditCsv(filtered, KEY)).toMatchObject({
        ok: false,
        seq: 2,
        message: expect.stringMatching(/event 2 is missing.*--allow-gaps/),
      });
      expect(verifyAuditCsv(filtered, KEY, { allowGaps: true })).toMatchObject({ ok: true, events: 2, gaps: 1 });
    } finally {
      delete process.env.AUDIT_HMAC_KEY;
    }
  });

  it('names the first bad row of an edited file, with its plain hashes recomputed, through the CLI', async () => {
    const { db } = await engine.openMigrated();
    process.env.AUDIT_HMAC_KEY = KEY;
    let csv: string;
    try {
      await seed(db);
      csv = await exportCsv(db);
    } finally {
      delete process.env.AUDIT_HMAC_KEY;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'roleport-audit-verify-'));
    const cli = (file: string, key = KEY) =>
      run(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/audit-verify.ts', file], {
        cwd: repoRoot,
        env: { ...process.env, AUDIT_HMAC_KEY: key, ROLEPORT_LOCAL_DIR: dir },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );

    const good = path.join(dir, 'good.csv');
    writeFileSync(good, csv);
    const tampered = path.join(dir, 'tampered.csv');
    writeFileSync(
      tampered,
      forge(csv, 3, (event) => ({ ...event, actorName: 'Mallory' })),
    );
    const [ok, bad, wrongKey] = await Promise.all([cli(good), cli(tampered), cli(good, 'not-the-key'.padEnd(32, '-'))]);

    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: .* holds 4 events \(1–4\)/);
    expect(bad.code).toBe(1);
    // Rows are newest first: event 3 is on the third line (header, event 4, event 3).
    expect(bad.stdout).toMatch(/FAILED: .* does not verify\.\nFirst bad row: line 3, event 3: event 3 was changed/);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/First bad row: line \d+, event 1:/);
  }, 90_000);
});

// Rule: the streamed CSV export holds every matching event exactly once, whatever the page size.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { withTransaction } from '@/lib/db/transaction';
import { appendAuditEvent } from './append-audit-event';
import { streamAuditCsv } from './stream-audit-csv';

describeEngines('streamAuditCsv', (engine) => {
  it('writes the header and each matching event once across pages', async () => {
    const { db } = await engine.openMigrated();
    for (let n = 1; n <= 7; n += 1) {
      const actor = n % 2 === 0 ? { oid: 'oid-even', name: 'Even' } : { oid: 'oid-odd', name: 'Odd' };
      await withTransaction(db, (trx) =>
        appendAuditEvent(trx, { actor, action: 'request.created', subject: { type: 'access_request', id: `r${n}` } }),
      );
    }
    let csv = '';
    for await (const chunk of streamAuditCsv(db, { actorOid: 'oid-odd' }, 2)) csv += chunk;

    const lines = csv.split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toMatch(/^seq,at,/);
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual([7, 5, 3, 1]);
  });
});

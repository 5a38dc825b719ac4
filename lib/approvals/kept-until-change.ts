import 'server-only';
import type { Kysely } from 'kysely';
import { auditHeadSeq } from '@/lib/audit/audit-head-seq';
import type { Database } from '@/lib/db/types';
import { ExpiringMap } from '@/lib/server/state/expiring-map';
import { processSingleton } from '@/lib/server/state/process-singleton';

// Per database (a test process opens many), then per key and audit stamp; 1,000 entries of counts are a few hundred KB.
const kept = processSingleton('keptUntilChange', () => new WeakMap<Kysely<Database>, ExpiringMap<Promise<unknown>>>());

function keptFor(db: Kysely<Database>): ExpiringMap<Promise<unknown>> {
  let values = kept.get(db);
  if (!values) {
    values = new ExpiringMap(10 * 60_000, 1_000);
    kept.set(db, values);
  }
  return values;
}

/**
 * A value computed from the requests (a count over the queue), computed again only once the audit chain has moved:
 * every change to a request is audited in the transaction that makes it. The stamp is read before the value, so a
 * change that lands while the value is computed moves it past that value. `key` must name everything else the value
 * depends on (user, scope, filters); nothing that depends on the clock may be kept this way.
 */
export async function keptUntilChange<T>(db: Kysely<Database>, key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  const stamped = JSON.stringify([...key, await auditHeadSeq(db)]);
  const values = keptFor(db);
  const known = values.get(stamped) as Promise<T> | undefined;
  if (known) return known;
  const computing = compute();
  values.set(stamped, computing);
  computing.catch(() => values.delete(stamped, computing));
  return computing;
}

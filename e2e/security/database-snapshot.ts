import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * Tables whose rows change without the request under test: the catalog is a cache of APIM that the background sync
 * rewrites (APIs, apps, operations, products, and the service snapshot kept in settings, its only writer), and a refresh
 * records its attempt (failed ones too) in catalog_sync; the abuse limits count every call, refused
 * ones included, by design; the audit checkpoint and the reconciliation report are written by background schedules;
 * the notification worker addresses and sends queued notifications (events come only with a request's change, which
 * access_request shows).
 */
const MOVING_TABLES = new Set([
  'catalog_api',
  'catalog_app',
  'catalog_operation',
  'catalog_sync',
  'catalog_product',
  'settings',
  'rate_limit_counter',
  'audit_checkpoint',
  'reconciliation_run',
  'notification_event',
  'notification_delivery',
  'catalog_event_receipt',
  'catalog_refresh_queue',
]);

/** A read-only view of the e2e portal's SQLite database, to prove a refused input left every table as it was. */
export class DatabaseSnapshot {
  private readonly db: Database.Database;

  constructor(file = '.data/e2e/roleport.db') {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  /** Table → row count and a digest of every row. */
  take(): Record<string, string> {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const state: Record<string, string> = {};
    for (const { name } of tables) {
      if (MOVING_TABLES.has(name)) continue;
      const rows = this.db.prepare(`SELECT * FROM "${name}"`).raw().all();
      state[name] = `${rows.length} ${createHash('sha256')
        .update(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
        .digest('hex')
        .slice(0, 16)}`;
    }
    return state;
  }

  /** Names of the tables that differ between two snapshots. */
  static changed(before: Record<string, string>, after: Record<string, string>): string[] {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]);
  }

  close(): void {
    this.db.close();
  }
}

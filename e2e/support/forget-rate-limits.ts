import Database from 'better-sqlite3';

/**
 * Clears the per-person abuse counters of the e2e portal's database. The security specs spend those limits on purpose
 * (every endpoint as every role, every bad input); the journeys after them must start with fresh counts, as a person
 * does ten minutes later, rather than fail on a limit an earlier spec used up.
 */
export function forgetRateLimits(file = '.data/e2e/roleport.db'): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('DELETE FROM rate_limit_counter').run();
  } finally {
    db.close();
  }
}

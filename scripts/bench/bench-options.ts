// The bench's size and database from the command line: `--apis N` scales everything else with it (ten times the
// default is `--apis 5000`: 2,000 users, 10,000 pending requests, 1,000,000 audit events), each overridable.

export interface BenchOptions {
  apis: number;
  operations: number;
  users: number;
  pendingRequests: number;
  auditEvents: number;
  engine: 'sqlite' | 'postgres';
  /** PostgreSQL only: `--database-url` or BENCH_DATABASE_URL. The bench empties this database's public schema. */
  databaseUrl?: string;
}

function flag(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  const value = at >= 0 ? argv[at + 1] : undefined;
  return value === undefined || value.startsWith('--') ? undefined : value;
}

function count(argv: string[], name: string, fallback: number): number {
  const raw = flag(argv, name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${raw}"`);
  return n;
}

export function benchOptions(argv: string[], env: Record<string, string | undefined> = process.env): BenchOptions {
  const apis = count(argv, 'apis', 500);
  const engine = flag(argv, 'engine') ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not "${engine}"`);
  const databaseUrl = flag(argv, 'database-url') ?? env.BENCH_DATABASE_URL;
  if (engine === 'postgres' && !databaseUrl)
    throw new Error('--engine postgres needs --database-url postgres://… or BENCH_DATABASE_URL (its public schema is emptied)');
  return {
    apis,
    operations: count(argv, 'operations', 10),
    users: count(argv, 'users', Math.round(apis * 0.4)),
    pendingRequests: count(argv, 'pending', apis * 2),
    auditEvents: count(argv, 'audit-events', apis * 200),
    engine,
    ...(engine === 'postgres' ? { databaseUrl } : {}),
  };
}

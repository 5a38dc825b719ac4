// Rule: the bench's size follows --apis (ten times the default at --apis 5000), each part can be set alone, and bad flags stop it with a message.
import { describe, expect, it } from 'vitest';
import { benchOptions } from './bench-options';

describe('benchOptions', () => {
  it('scales users, pending requests and audit events with the APIs', () => {
    expect(benchOptions([], {})).toEqual({
      apis: 500,
      operations: 10,
      users: 200,
      pendingRequests: 1000,
      auditEvents: 100_000,
      engine: 'sqlite',
    });
    expect(benchOptions(['--apis', '5000'], {})).toMatchObject({ users: 2000, pendingRequests: 10_000, auditEvents: 1_000_000 });
    expect(benchOptions(['--apis', '1000', '--audit-events', '1_000_000', '--no-build'], {})).toMatchObject({
      apis: 1000,
      auditEvents: 1_000_000,
    });
  });

  it('takes the PostgreSQL URL from the flag or the environment, and refuses PostgreSQL without one', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/rp_bench';
    expect(benchOptions(['--engine', 'postgres', '--database-url', url], {})).toMatchObject({ engine: 'postgres', databaseUrl: url });
    expect(benchOptions(['--engine', 'postgres'], { BENCH_DATABASE_URL: url })).toMatchObject({ databaseUrl: url });
    expect(() => benchOptions(['--engine', 'postgres'], {})).toThrow(/database-url/);
    expect(() => benchOptions(['--engine', 'mysql'], {})).toThrow(/sqlite or postgres/);
    expect(() => benchOptions(['--apis', 'many'], {})).toThrow(/whole number/);
  });
});

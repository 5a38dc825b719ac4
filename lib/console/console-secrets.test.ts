// Rule: a console call's token is kept only briefly and is handed back only to the user who made the call.
import { describe, expect, it } from 'vitest';
import { recallConsoleCall, rememberConsoleCall } from './console-secrets';

const secrets = { token: 'eyJ.a.b', apiId: 'orders', operationId: 'list-orders' };

describe('console call secrets', () => {
  it('returns the call to its owner only', () => {
    const id = rememberConsoleCall('oid-ben', secrets, 1_000);
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(recallConsoleCall('oid-ben', id, 2_000)).toEqual(secrets);
    expect(recallConsoleCall('oid-ada', id, 2_000)).toBeNull();
  });

  it('forgets a call after 15 minutes', () => {
    const id = rememberConsoleCall('oid-ben', secrets, 10_000);
    expect(recallConsoleCall('oid-ben', id, 10_000 + 15 * 60_000 + 1)).toBeNull();
  });

  it('keeps only the last few calls of a user', () => {
    const ids = Array.from({ length: 7 }, (_, i) => rememberConsoleCall('oid-priya', { ...secrets, token: `t${i}` }, 100_000 + i));
    expect(recallConsoleCall('oid-priya', ids[0] as string, 100_010)).toBeNull();
    expect(recallConsoleCall('oid-priya', ids[6] as string, 100_010)?.token).toBe('t6');
  });
});

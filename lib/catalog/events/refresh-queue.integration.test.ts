// Rule: on both engines an event id is taken once, a target's refresh is claimed by one worker, events coalesce while it
// waits, and an event during a refresh makes it due again.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { claimDueRefreshes, DEBOUNCE_MS, enqueueRefresh, finishRefresh, takeEventOnce } from './refresh-queue';

const event = (id: string) => ({ id, type: 'Microsoft.ApiManagement.APIUpdated', subject: '/apis/orders;Rev=1', source: '/s' });
const pastDebounce = () => new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS + 50));

describeEngines('the refresh queue', (engine) => {
  it('takes each event id once', async () => {
    const { db } = await engine.openMigrated();
    expect(await takeEventOnce(db, event('a'))).toBe(true);
    expect(await takeEventOnce(db, event('a'))).toBe(false);
    expect(await takeEventOnce(db, event('b'))).toBe(true);
  });

  it('coalesces events for one target, hands it to one worker, and runs it again after an event during the run', async () => {
    const { db } = await engine.openMigrated();
    await enqueueRefresh(db, { kind: 'api', apiId: 'orders' }, 'first');
    await enqueueRefresh(db, { kind: 'api', apiId: 'orders' }, 'second');
    expect(await claimDueRefreshes(db, 'w1')).toEqual([]);
    await pastDebounce();
    const [one, two] = await Promise.all([claimDueRefreshes(db, 'w1'), claimDueRefreshes(db, 'w2')]);
    expect([...one, ...two].map((c) => c.target)).toEqual(['api:orders']);
    const [claim] = [...one, ...two];
    const owner = one.length ? 'w1' : 'w2';
    await enqueueRefresh(db, { kind: 'api', apiId: 'orders' }, 'during');
    await finishRefresh(db, owner, claim!);
    const again = await claimDueRefreshes(db, 'w3');
    expect(again.map((c) => [c.target, c.reason])).toEqual([['api:orders', 'during']]);
    await finishRefresh(db, 'w3', again[0]!);
    expect(await db.selectFrom('catalog_refresh_queue').selectAll().execute()).toEqual([]);
  });
});

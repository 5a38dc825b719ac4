// Rule: the approval queue's filters narrow the cards shown, never the counts beside the filters, which are those of
// the whole queue; each card names its API as the catalog index does.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { INVENTORY_APP } from '@/emulator/seed/demo-tenant';
import { loadApprovalsPage } from './load-approvals-page';
import { submitRequest } from './submit-request';
import { ada, ben, priya, readRoleId } from '@/test/harness/access-people';
import { prepare, withTenant } from '@/test/harness/access-world';

withTenant();
const justification = 'Reading stock levels for the report.';

describeEngines('approvals page', (engine) => {
  it('shows the whole queue unfiltered, and a filtered part beside the whole queue’s counts', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const orders = await submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification });
    const inventory = await submitRequest(db, ben, {
      apiId: 'inventory',
      roleId: INVENTORY_APP.roles['Inventory.Write']!,
      justification,
    });

    const whole = await loadApprovalsPage(priya, {}, '', {}, db);
    expect(whole.facets.total).toBe(2);
    expect(whole.shown.map((r) => r.id).sort()).toEqual([orders.requestId, inventory.requestId].sort());
    expect(whole.apiName.get('orders')).toBe('Orders API');

    const filtered = await loadApprovalsPage(priya, { apiId: 'inventory' }, '', {}, db);
    expect(filtered.facets.total).toBe(2);
    expect(filtered.facets.apis).toEqual([
      ['inventory', 1],
      ['orders', 1],
    ]);
    expect(filtered.shown.map((r) => r.id)).toEqual([inventory.requestId]);
    expect(Object.keys(filtered.holdings)).toEqual([inventory.requestId]);
  });
});

import 'server-only';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { PortalUser } from '@/lib/auth/session';
import { readGroup } from '@/lib/azure/graph/read-group';
import { getIndexedProduct } from '@/lib/catalog/read-products';
import { nowIso } from '@/lib/db/clock';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { auditActor } from '@/lib/requests/request-access';
import { productRuleSchema, type ProductRuleInput } from './product-rule-schema';

export interface ProductApproverGroup {
  productId: string;
  groupId: string;
  groupName: string;
}

/** The group must exist in Entra now: the index does not list groups, and a typo would route requests to nobody. */
async function groupNamed(groupId: string): Promise<string> {
  let group: Awaited<ReturnType<typeof readGroup>>;
  try {
    group = await readGroup(groupId);
  } catch (error) {
    console.error('product rule: cannot read the group from Graph', error);
    throw new UserFacingError('Roleport could not read that group from Entra to check it exists; try again.', 'unavailable', 503);
  }
  if (!group) throw new UserFacingError(`There is no group with the id ${groupId} in Entra.`);
  return group.displayName;
}

/**
 * Sets (or, with a blank group, clears) the Entra group whose members approve subscriptions to a product besides portal
 * admins; audited. Without a rule, portal admins alone approve. Only products that need approval take one.
 */
export async function saveProductApproverGroup(
  db: Kysely<Database>,
  actor: PortalUser,
  input: ProductRuleInput,
): Promise<ProductApproverGroup | null> {
  if (!actor.isAdmin) throw new UserFacingError('Only a portal admin can change approval rules.', 'forbidden', 403);
  const parsed = productRuleSchema.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The rule is not valid.');
  const { productId, groupId } = parsed.data;
  const product = await getIndexedProduct(db, productId);
  if (!product) throw new UserFacingError('There is no such product in the catalog.');
  if (groupId !== null && !product.approvalRequired)
    throw new UserFacingError(`${product.displayName} grants subscriptions without approval, so an approver group would never be asked.`);
  const groupName = groupId === null ? null : await groupNamed(groupId);

  return withTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('product_rule').selectAll().where('product_id', '=', product.id).executeTakeFirst();
    if (groupId === null && !existing) return null;
    const before = existing?.approver_group_id ? { groupId: existing.approver_group_id, groupName: existing.approver_group_name } : null;
    const now = nowIso();
    if (groupId === null) await trx.deleteFrom('product_rule').where('product_id', '=', product.id).execute();
    else if (existing)
      await trx
        .updateTable('product_rule')
        .set({ approver_group_id: groupId.toLowerCase(), approver_group_name: groupName, updated_at: now })
        .where('product_id', '=', product.id)
        .execute();
    else
      await trx
        .insertInto('product_rule')
        .values({
          product_id: product.id,
          approver_group_id: groupId.toLowerCase(),
          approver_group_name: groupName,
          created_at: now,
          updated_at: now,
        })
        .execute();
    const after = groupId === null ? null : { groupId: groupId.toLowerCase(), groupName };
    await appendAuditEvent(trx, {
      actor: auditActor(actor),
      action: groupId === null ? 'product_rule.deleted' : existing ? 'product_rule.updated' : 'product_rule.created',
      subject: { type: 'product_rule', id: product.id },
      before,
      after,
    });
    return after ? { productId: product.id, groupId: after.groupId, groupName: after.groupName ?? after.groupId } : null;
  });
}

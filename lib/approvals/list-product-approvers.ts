import 'server-only';
import type { Kysely } from 'kysely';
import { listProductsWithApis } from '@/lib/catalog/read-products';
import type { Database } from '@/lib/db/types';

export interface ProductApproversRow {
  product: { id: string; displayName: string; published: boolean };
  /** The product's approver group; null = portal admins alone approve. */
  group: { id: string; name: string } | null;
}

/** Every product whose subscriptions wait for approval, with who approves them besides portal admins. */
export async function listProductApprovers(db: Kysely<Database>): Promise<ProductApproversRow[]> {
  const [products, rules] = await Promise.all([
    listProductsWithApis(db, { includeUnpublished: true }),
    db.selectFrom('product_rule').selectAll().execute(),
  ]);
  const ruleOf = new Map(rules.map((r) => [r.product_id, r]));
  return products
    .filter((p) => p.subscriptionRequired && p.approvalRequired)
    .map((p) => {
      const rule = ruleOf.get(p.id);
      return {
        product: { id: p.id, displayName: p.displayName, published: p.published },
        group: rule?.approver_group_id ? { id: rule.approver_group_id, name: rule.approver_group_name ?? rule.approver_group_id } : null,
      };
    });
}

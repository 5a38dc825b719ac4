import 'server-only';
import type { Kysely } from 'kysely';
import { getProduct, listProductApiIds } from '@/lib/azure/apim/read-catalog';
import { readProductPolicy } from '@/lib/azure/apim/read-policies';
import { AzureCallGate } from '@/lib/azure/throttle-retry';
import type { Database } from '@/lib/db/types';
import { removeProduct, writeProduct, type ProductData } from '../write-index';

/**
 * Refreshes one product's row (three ARM reads) and returns the APIs whose index depends on what changed: those that
 * joined or left it, and, when its policy changed, all its APIs (a call needing a subscription runs the product's policy).
 */
export async function syncOneProduct(db: Kysely<Database>, productId: string): Promise<{ affectedApis: string[]; armCalls: number }> {
  const arm = new AzureCallGate(3);
  const row = await db.selectFrom('catalog_product').select('data').where('id', '=', productId).executeTakeFirst();
  const before: ProductData = row ? (JSON.parse(row.data) as ProductData) : { apiIds: [], policy: null };
  let after: ProductData | null;
  try {
    const [product, apiIds, policy] = await Promise.all([
      arm.run(() => getProduct(productId)),
      arm.run(() => listProductApiIds(productId)),
      arm.run(() => readProductPolicy(productId)),
    ]);
    after = { apiIds, policy: policy?.xml ?? null };
    await writeProduct(db, product, after);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    after = null;
    await removeProduct(db, productId);
  }
  const now = new Set(after?.apiIds ?? []);
  const was = new Set(before.apiIds);
  const policyChanged = (after?.policy ?? null) !== before.policy;
  const affected = new Set([...now, ...was].filter((id) => policyChanged || now.has(id) !== was.has(id)));
  return { affectedApis: [...affected].sort(), armCalls: arm.stats.calls };
}

'use server';

import { revalidatePath } from 'next/cache';
import { requireAdmin } from '@/lib/auth/session';
import { refreshCatalog } from '@/lib/catalog/refresh-catalog';
import { runAction } from '@/lib/errors/user-facing-error';

export async function refreshCatalogAction(apiId?: string) {
  const actor = await requireAdmin();
  const result = await runAction(() => refreshCatalog(actor, typeof apiId === 'string' ? apiId : undefined));
  if (result.ok) revalidatePath('/apis', 'layout');
  return result;
}

'use server';

import { revalidatePath } from 'next/cache';
import { requireAdmin } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { runAction, UserFacingError } from '@/lib/errors/user-facing-error';
import { addAppRole } from '@/lib/policy-studio/add-app-role';
import { applyRoleMap } from '@/lib/policy-studio/apply-role-map';
import { findPreviewUsers, previewUserAccess } from '@/lib/policy-studio/preview-user-access';
import { previewRoleMap } from '@/lib/policy-studio/preview-plan';
import { applyInputSchema, newAppRoleSchema, previewInputSchema, userPreviewSchema } from '@/lib/policy-studio/role-map-schema';
import { rollbackBatch } from '@/lib/policy-studio/rollback-batch';

function parse<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new UserFacingError(result.error.issues[0]?.message ?? 'The request is not valid.');
  return result.data;
}

const pagePath = (apiId: string) => `/admin/apis/${encodeURIComponent(apiId)}/policy`;

export async function previewRoleMapAction(input: unknown) {
  const actor = await requireAdmin();
  return runAction(async () => previewRoleMap(await db(), actor, parse(previewInputSchema, input)));
}

export async function applyRoleMapAction(input: unknown) {
  const actor = await requireAdmin();
  const result = await runAction(async () => applyRoleMap(await db(), actor, parse(applyInputSchema, input)));
  if (result.ok && result.value.written.length > 0) revalidatePath(pagePath(String((input as { apiId?: unknown })?.apiId ?? '')));
  return result;
}

export async function rollbackPolicyAction(apiId: string, batchId: string) {
  const actor = await requireAdmin();
  const result = await runAction(async () => {
    if (typeof batchId !== 'string' || !batchId) throw new UserFacingError('Choose a change to roll back.');
    return rollbackBatch(await db(), actor, batchId);
  });
  if (result.ok && typeof apiId === 'string') revalidatePath(pagePath(apiId));
  return result;
}

export async function addAppRoleAction(input: unknown) {
  const actor = await requireAdmin();
  const result = await runAction(async () => addAppRole(await db(), actor, parse(newAppRoleSchema, input)));
  if (result.ok) revalidatePath(pagePath(String((input as { apiId?: unknown })?.apiId ?? '')));
  return result;
}

export async function findPreviewUsersAction(apiId: string, text: string) {
  const actor = await requireAdmin();
  return runAction(async () => {
    const search = String(text ?? '').slice(0, 100);
    // Graph refuses control characters and unpaired surrogates in $search; say so instead of failing the call.
    if (/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(search))
      throw new UserFacingError('Search with plain text only.');
    return findPreviewUsers(await db(), actor, String(apiId), search);
  });
}

export async function previewUserAccessAction(input: unknown) {
  const actor = await requireAdmin();
  return runAction(async () => previewUserAccess(await db(), actor, parse(userPreviewSchema, input)));
}

'use server';

import { revalidatePath } from 'next/cache';
import type { ApprovalRuleInput } from '@/lib/approvals/approval-rule-schema';
import { deleteApprovalRule, saveApprovalRule } from '@/lib/approvals/approval-rules';
import { requireAdmin } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { runAction, UserFacingError } from '@/lib/errors/user-facing-error';

/** Creates or replaces the rule for (API, role); saveApprovalRule validates with the editor's schema. */
export async function saveApprovalRuleAction(input: ApprovalRuleInput) {
  const user = await requireAdmin();
  const result = await runAction(async () => {
    const rule = await saveApprovalRule(await db(), user, input);
    return `Saved the rule for ${rule.roleValue ?? 'every role of the API'}.`;
  });
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}

export async function deleteApprovalRuleAction(ruleId: string) {
  const user = await requireAdmin();
  const result = await runAction(async () => {
    if (typeof ruleId !== 'string' || ruleId.length === 0 || ruleId.length > 100) throw new UserFacingError('That rule no longer exists.');
    await deleteApprovalRule(await db(), user, ruleId);
    return 'Rule deleted; the next broader rule (or the defaults) applies.';
  });
  if (result.ok) revalidatePath('/admin/settings');
  return result;
}

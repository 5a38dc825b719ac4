'use server';

import { z } from '@/lib/validation/zod';
import type { ApprovalRuleInput } from '@/lib/approvals/approval-rule-schema';
import { deleteApprovalRule, saveApprovalRule } from '@/lib/approvals/approval-rules';
import { saveProductApproverGroup } from '@/lib/approvals/product-approver-group';
import type { ProductRuleInput } from '@/lib/approvals/product-rule-schema';
import { defineAction, validatedInLib } from '@/lib/server/define-action';

/** Creates or replaces the rule for (API, role); saveApprovalRule validates with the editor's schema. */
export const saveApprovalRuleAction = defineAction(
  { auth: 'admin', input: validatedInLib<ApprovalRuleInput>(), revalidate: ['/admin/settings'] },
  async (input, { user, db }) => {
    const rule = await saveApprovalRule(db, user, input);
    return `Saved the rule for ${rule.roleValue ?? 'every role of the API'}.`;
  },
);

export const deleteApprovalRuleAction = defineAction(
  {
    auth: 'admin',
    input: z.string().min(1).max(100),
    invalidInput: 'That rule no longer exists.',
    revalidate: ['/admin/settings'],
  },
  async (ruleId, { user, db }) => {
    await deleteApprovalRule(db, user, ruleId);
    return 'Rule deleted; the next broader rule (or the defaults) applies.';
  },
);

/** Sets or clears the Entra group that approves a product's subscriptions; saveProductApproverGroup validates the input. */
export const saveProductApproverGroupAction = defineAction(
  { auth: 'admin', input: validatedInLib<ProductRuleInput>(), revalidate: ['/admin/settings'] },
  async (input, { user, db }) => {
    const saved = await saveProductApproverGroup(db, user, input);
    return saved
      ? `Members of ${saved.groupName} now approve subscriptions to this product, besides portal admins.`
      : 'Portal admins approve subscriptions to this product.';
  },
);

// One definition of a product's approver rule, checked by saveProductApproverGroup; the form shows its first issue.
import { z } from '@/lib/validation/zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const productRuleSchema = z.object({
  productId: z.string().trim().min(1, 'Choose a product.').max(256),
  /** The Entra group whose members approve the product's subscriptions; blank = portal admins only. */
  groupId: z.preprocess(
    (value) => ((typeof value === 'string' && value.trim() === '') || value === undefined ? null : value),
    z.string().trim().regex(GUID, 'The group id must be a GUID: the Object ID shown on the group’s page in Entra.').nullable(),
  ),
});

export type ProductRuleInput = z.input<typeof productRuleSchema>;

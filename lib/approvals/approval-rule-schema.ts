// Shared by the rule editor (client) and saveApprovalRule (server).
import { z } from '@/lib/validation/zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);

export const approvalRuleSchema = z.object({
  apiId: z.string().trim().min(1, 'Choose an API.'),
  /** null = the rule for every role of the API. */
  roleValue: z.preprocess(blankToNull, z.string().trim().min(1).max(120).nullable()),
  autoApprove: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
  stages: z.coerce
    .number()
    .int()
    .refine((n) => n === 1 || n === 2, 'A rule has one or two approval stages.')
    .transform((n) => n as 1 | 2),
  maxDays: z.preprocess(blankToNull, z.coerce.number().int().min(1, 'At least one day.').max(3650).nullable()),
  /** Grant through membership of this Entra group (which must hold the role) instead of a direct assignment. */
  groupId: z.preprocess(blankToNull, z.string().trim().regex(GUID, 'The group id must be a GUID.').nullable()),
});

export type ApprovalRuleInput = z.input<typeof approvalRuleSchema>;

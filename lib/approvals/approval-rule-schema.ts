// Shared by the rule editor (client) and saveApprovalRule (server); zod/mini keeps the editor's bundle small.
import { z } from '@/lib/validation/zod-mini';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blankToNull = (value: unknown): NonNullable<unknown> | null => (value === '' || value === undefined || value === null ? null : value);

export const approvalRuleSchema = z.object({
  apiId: z.string().check(z.trim(), z.minLength(1, 'Choose an API.')),
  /** null = the rule for every role of the API. */
  roleValue: z.pipe(z.transform(blankToNull), z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)))),
  autoApprove: z.pipe(
    z.transform((v) => v === true || v === 'true' || v === 'on'),
    z.boolean(),
  ),
  stages: z.pipe(
    z.coerce.number().check(
      z.int(),
      z.refine((n) => n === 1 || n === 2, 'A rule has one or two approval stages.'),
    ),
    z.transform((n) => n as 1 | 2),
  ),
  maxDays: z.pipe(
    z.transform(blankToNull),
    z.nullable(z.coerce.number<NonNullable<unknown>>().check(z.int(), z.minimum(1, 'At least one day.'), z.maximum(3650))),
  ),
  /** Grant through membership of this Entra group (which must hold the role) instead of a direct assignment. */
  groupId: z.pipe(z.transform(blankToNull), z.nullable(z.string().check(z.trim(), z.regex(GUID, 'The group id must be a GUID.')))),
});

export type ApprovalRuleInput = z.input<typeof approvalRuleSchema>;

// A new app role as the studio's add-role form (client) and its action (server) check it; zod/mini keeps the form's
// bundle small. The role-map schemas (server only) build on roleValueSchema.
import { z } from '@/lib/validation/zod-mini';
import { isPolicySafeRoleValue, POLICY_UNSAFE_ROLE_MESSAGE } from '@/lib/policy/policy-safe-value';

export const roleValueSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(120),
    z.regex(/^[^\s<>&"]+$/, 'A role value has no spaces or XML special characters.'),
    z.refine(isPolicySafeRoleValue, POLICY_UNSAFE_ROLE_MESSAGE),
  );

export const newAppRoleSchema = z.object({
  apiId: z.string().check(z.minLength(1), z.maxLength(256)),
  value: roleValueSchema,
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  description: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});

export type NewAppRoleInput = z.infer<typeof newAppRoleSchema>;

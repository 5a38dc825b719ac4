import { z } from '@/lib/validation/zod';
import { isPolicySafeRoleValue, POLICY_UNSAFE_ROLE_MESSAGE } from '@/lib/policy/policy-safe-value';

// Shared by the role-map editor and the studio's server actions.

const roleValue = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[^\s<>&"]+$/, 'A role value has no spaces or XML special characters.')
  .refine(isPolicySafeRoleValue, POLICY_UNSAFE_ROLE_MESSAGE);

export const roleMapSchema = z.record(z.string().min(1).max(256), z.array(roleValue).max(50));

export const previewInputSchema = z.object({ apiId: z.string().min(1).max(256), map: roleMapSchema });

export const applyInputSchema = previewInputSchema.extend({
  /** The ETags the preview was built from, per scope ('api' or 'operation:<id>'); null = no policy then. */
  etags: z.record(z.string().min(1).max(300), z.string().max(300).nullable()),
});

export const newAppRoleSchema = z.object({
  apiId: z.string().min(1).max(256),
  value: roleValue,
  displayName: z.string().trim().min(1).max(120),
  description: z.string().trim().min(1).max(500),
});

export const userPreviewSchema = z.object({ apiId: z.string().min(1).max(256), userId: z.string().min(1).max(120), map: roleMapSchema });

export type PreviewInput = z.infer<typeof previewInputSchema>;
export type ApplyInput = z.infer<typeof applyInputSchema>;
export type NewAppRoleInput = z.infer<typeof newAppRoleSchema>;
export type UserPreviewInput = z.infer<typeof userPreviewSchema>;

import { z } from '@/lib/validation/zod';
import { roleValueSchema } from './new-app-role-schema';

export { newAppRoleSchema, type NewAppRoleInput } from './new-app-role-schema';

// Shared by the role-map editor and the studio's server actions.

export const roleMapSchema = z.record(z.string().min(1).max(256), z.array(roleValueSchema).max(50));

export const previewInputSchema = z.object({ apiId: z.string().min(1).max(256), map: roleMapSchema });

export const applyInputSchema = previewInputSchema.extend({
  /** The ETags the preview was built from, per scope ('api' or 'operation:<id>'); null = no policy then. */
  etags: z.record(z.string().min(1).max(300), z.string().max(300).nullable()),
});

export const userPreviewSchema = z.object({ apiId: z.string().min(1).max(256), userId: z.string().min(1).max(120), map: roleMapSchema });

export type PreviewInput = z.infer<typeof previewInputSchema>;
export type ApplyInput = z.infer<typeof applyInputSchema>;
export type UserPreviewInput = z.infer<typeof userPreviewSchema>;

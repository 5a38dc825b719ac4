// Shared by the request pages (client) and their actions (server): which request, at which version, and why.
import { z } from '@/lib/validation/zod';

export const requestRefSchema = z.object({
  requestId: z.string().trim().min(1, 'No request given.').max(100, 'There is no such request.'),
  /** The version the page showed; a request changed since then is refused instead of overwritten. */
  expectedVersion: z.coerce.number().int().positive('Reload the page and try again.'),
});

export const revocationSchema = requestRefSchema.extend({
  reason: z.string().trim().max(1000, 'Keep the reason under 1000 characters.').optional(),
});

export type RequestRef = z.input<typeof requestRefSchema>;
export type RevocationInput = z.input<typeof revocationSchema>;

// One schema for the console form, on the client and in the server action.
import { z } from '@/lib/validation/zod';

const name = z.string().min(1).max(200);
const value = z.string().max(8_192);

export const consoleSendSchema = z.object({
  apiId: name,
  operationId: name,
  template: z.record(name, value).default({}),
  query: z.record(name, value).default({}),
  headers: z.record(name, value).default({}),
  contentType: z.string().max(200).optional(),
  // The byte limit (256 KB) is enforced on the encoded body; this bounds the characters.
  body: z
    .string()
    .max(256 * 1024)
    .optional(),
});

export type ConsoleSendInput = z.infer<typeof consoleSendSchema>;

export const callIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a console call id');

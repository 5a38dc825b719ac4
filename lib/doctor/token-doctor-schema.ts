// One schema for the token doctor form, checked in the server action, which returns the token's issue by field.
import { z } from '@/lib/validation/zod';

export const tokenDoctorSchema = z.object({
  token: z.string().trim().min(1, 'Paste a token first.').max(32_000, 'That is longer than any access token.'),
  apiId: z.string().max(200).optional(),
  operationId: z.string().max(200).optional(),
});

export type TokenDoctorInput = z.infer<typeof tokenDoctorSchema>;

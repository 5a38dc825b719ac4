// The subscription a key action names: an APIM subscription id (1–256 characters, none of `*#&+:<>?` or `/`).
import { z } from '@/lib/validation/zod';

export const subscriptionIdSchema = z
  .string()
  .trim()
  .regex(/^[^*#&+:<>?/\\\s]{1,256}$/, 'There is no such subscription, or it is not yours.');

export const keyChoiceSchema = z.enum(['primary', 'secondary'], 'Choose the primary or the secondary key.');

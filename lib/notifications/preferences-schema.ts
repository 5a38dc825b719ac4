import { z } from '@/lib/validation/zod';
import { NOTIFICATION_KINDS } from './notification-kinds';

const channels = z.object({ email: z.boolean(), portal: z.boolean() }).strict();

/** The whole set of choices, one on/off per kind and personal channel. */
export const preferencesSchema = z
  .object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channels])) as Record<(typeof NOTIFICATION_KINDS)[number], typeof channels>)
  .strict();

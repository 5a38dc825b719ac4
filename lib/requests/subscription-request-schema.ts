// Shared by the subscribe form (client) and submitSubscriptionRequest (server): one definition of a valid subscription request.
import { z } from '@/lib/validation/zod';
import { JUSTIFICATION_MAX } from './request-schema';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// APIM product ids: letters, digits, '-', '_' and '.', as the portal's own products are named.
const PRODUCT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const subscriptionRequestSchema = z.object({
  productId: z.string().trim().regex(PRODUCT_ID, 'Choose a product.'),
  /** Required when the product has terms of use; checked against the product on the server. */
  acceptTerms: z.boolean().optional(),
  justification: z
    .string()
    .trim()
    .max(JUSTIFICATION_MAX, `Keep the justification under ${JUSTIFICATION_MAX} characters.`)
    .refine((text) => !CONTROL.test(text), 'The justification contains control characters; use plain text and line breaks only.')
    .optional(),
  submissionId: z.string().trim().regex(GUID, 'Invalid submission id.').optional(),
});

export type SubscriptionRequestInput = z.input<typeof subscriptionRequestSchema>;

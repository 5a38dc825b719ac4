// One definition of a valid request, checked by submitRequest; the request form shows the issues it returns by field.
import { z } from '@/lib/validation/zod';
import { JUSTIFICATION_MAX, JUSTIFICATION_MIN } from './justification-limits';

export { JUSTIFICATION_MAX, JUSTIFICATION_MIN };

/** Durations offered as one-click choices when the approval rule does not cap them lower. */
export const DURATION_CHOICES = [7, 30, 90] as const;
/** Offered too when a rule sets no maximum (with "no end date" and any date). */
const LONG_CHOICE = 365;

const CHOOSE_CLIENT = 'Choose one of your applications, or enter a managed identity’s object id.';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0 controls except line breaks (\n, \r), DEL and the C1 block: invisible text that could disguise what a justification says.
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const requestSchema = z.object({
  apiId: z.string().trim().min(1, 'Choose an API.').max(256),
  roleId: z.string().trim().regex(GUID, 'Choose a role of this API.'),
  justification: z
    .string()
    .trim()
    .min(JUSTIFICATION_MIN, `Explain in at least ${JUSTIFICATION_MIN} characters why you need this role.`)
    .max(JUSTIFICATION_MAX, `Keep the justification under ${JUSTIFICATION_MAX} characters.`)
    .refine((text) => !CONTROL.test(text), 'The justification contains control characters; use plain text and line breaks only.'),
  durationDays: z.coerce.number().int().positive().max(3650).optional(),
  /** For an application or managed identity: its service principal's object id; absent = for the requester themself. */
  clientSpId: z.string({ error: CHOOSE_CLIENT }).trim().regex(GUID, CHOOSE_CLIENT).optional(),
  /** A renewal: the id of the user's expiring grant (a request of theirs) whose end date approving this one extends. */
  renews: z.string().trim().regex(GUID, 'That is not one of your grants.').optional(),
  /** Set once per form render, so a replayed post creates one request. */
  submissionId: z.string().trim().regex(GUID, 'Invalid submission id.').optional(),
  /** Ask for a subscription to the API's product in the same request (a second, linked part). */
  subscription: z
    .object({
      productId: z.string().trim().min(1).max(256),
      acceptTerms: z.boolean().optional(),
    })
    .optional(),
});

export type RequestInput = z.input<typeof requestSchema>;
export type ValidRequest = z.output<typeof requestSchema>;

/**
 * The one-click durations for a rule: the standard choices below its cap and the cap itself, or, with no cap, the
 * standard choices and a year. Any whole number of days up to the cap is allowed too (the form's date picker).
 */
export function allowedDurations(maxDays: number | null): number[] {
  if (maxDays === null) return [...DURATION_CHOICES, LONG_CHOICE];
  return [...DURATION_CHOICES.filter((d) => d < maxDays), maxDays];
}

/** Whether a requested length fits a rule: up to its cap, or any length (or none) without one. */
export function durationFits(days: number | null, maxDays: number | null): boolean {
  return maxDays === null || (days !== null && days <= maxDays);
}

export const decisionSchema = z
  .object({
    verdict: z.enum(['approve', 'reject'], 'Choose approve or reject.'),
    note: z
      .string()
      .trim()
      .max(JUSTIFICATION_MAX, `Keep the note under ${JUSTIFICATION_MAX} characters.`)
      .refine((text) => !CONTROL.test(text), 'The note contains control characters; use plain text and line breaks only.')
      .optional(),
    expectedVersion: z.coerce.number().int().positive(),
  })
  .refine((d) => d.verdict === 'approve' || (d.note ?? '').length > 0, {
    message: 'Say why you reject the request; the requester will read it.',
    path: ['note'],
  });

export type DecisionInput = z.input<typeof decisionSchema>;

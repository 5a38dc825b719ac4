import { InvalidFieldsError, type FieldIssues } from '@/lib/errors/user-facing-error';
import type { z } from './zod';

/** Every top-level field's first issue; an issue on the whole object (no path) is left to the error's message. */
export function fieldIssues(error: z.ZodError): FieldIssues {
  const fields: FieldIssues = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field === undefined) continue;
    fields[String(field)] ??= issue.message;
  }
  return fields;
}

/**
 * Parses form input with its schema, or throws the refusal with every invalid field; its message is `message` when
 * given, else the first issue.
 */
export function parseFormInput<S extends z.ZodType>(schema: S, input: unknown, message?: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidFieldsError(message ?? parsed.error.issues[0]?.message ?? 'The input is not valid.', fieldIssues(parsed.error));
}

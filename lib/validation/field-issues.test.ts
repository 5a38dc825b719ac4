// Rule: a refused form names every invalid field with its first issue, and its message stays the schema's first issue.
import { describe, expect, it } from 'vitest';
import { InvalidFieldsError, runAction } from '@/lib/errors/user-facing-error';
import { fieldIssues, parseFormInput } from './field-issues';
import { z } from './zod';

const schema = z
  .object({
    name: z.string().min(3, 'Name at least 3 characters.').max(5, 'Name at most 5 characters.'),
    email: z.string().regex(/@/, 'An email has an @.'),
    age: z.number().optional(),
  })
  .refine((form) => form.name !== 'admin', 'That name is taken.');

describe('fieldIssues', () => {
  it('keeps the first issue of each field, in the order the schema reports them', () => {
    const parsed = schema.safeParse({ name: 'x', email: 'nobody', age: 'old' });
    expect(parsed.success).toBe(false);
    expect(fieldIssues(parsed.error!)).toEqual({
      name: 'Name at least 3 characters.',
      email: 'An email has an @.',
      age: expect.stringMatching(/expected number/),
    });
  });

  it('leaves an issue on the whole form out of the fields', () => {
    const parsed = schema.safeParse({ name: 'admin', email: 'a@b' });
    expect(fieldIssues(parsed.error!)).toEqual({});
  });
});

describe('parseFormInput', () => {
  it('returns the parsed input when it is valid', () => {
    expect(parseFormInput(schema, { name: 'ada', email: 'a@b' })).toEqual({ name: 'ada', email: 'a@b' });
  });

  it('throws the first issue as the message, with every invalid field, and runAction hands both to the form', async () => {
    const refuse = () => parseFormInput(schema, { name: 'toolong', email: '' });
    expect(refuse).toThrow(InvalidFieldsError);
    expect(refuse).toThrow('Name at most 5 characters.');
    expect(await runAction(async () => refuse())).toEqual({
      ok: false,
      error: 'Name at most 5 characters.',
      fields: { name: 'Name at most 5 characters.', email: 'An email has an @.' },
    });
  });

  it('says the given message instead of the first issue when there is one', () => {
    expect(() => parseFormInput(schema, null, 'Invalid input')).toThrow('Invalid input');
  });
});

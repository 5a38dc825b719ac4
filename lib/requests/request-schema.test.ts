// Rule: a request's text is validated once, by the server, which names every invalid field; hostile text is stored verbatim, never interpreted.
import { describe, expect, it } from 'vitest';
import { InvalidFieldsError } from '@/lib/errors/user-facing-error';
import { parseFormInput } from '@/lib/validation/field-issues';
import { allowedDurations, durationFits, requestSchema } from './request-schema';

const base = { apiId: 'orders', roleId: 'c4a8e2d0-0001-4f5e-9b3a-d00000000001', justification: 'Building the checkout flow.' };
const firstMessage = (input: unknown) => {
  const result = requestSchema.safeParse(input);
  return result.success ? null : result.error.issues[0]?.message;
};

describe('requestSchema', () => {
  it('names every field the request form marks, each with its own message', () => {
    // The form sends 0 days for an end date it could not turn into a length, so that field is refused with the rest.
    const refusal = (() => {
      try {
        parseFormInput(requestSchema, { apiId: 'orders', roleId: '', justification: 'short', durationDays: 0, clientSpId: '' });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(InvalidFieldsError);
    expect((refusal as InvalidFieldsError).message).toBe('Choose a role of this API.');
    expect((refusal as InvalidFieldsError).fields).toEqual({
      roleId: 'Choose a role of this API.',
      justification: 'Explain in at least 10 characters why you need this role.',
      durationDays: expect.any(String),
      clientSpId: 'Choose one of your applications, or enter a managed identity’s object id.',
    });
  });

  it('accepts a plain request and trims the justification', () => {
    expect(requestSchema.parse({ ...base, justification: '  Building the checkout flow.\n  ' })).toEqual({
      ...base,
      justification: 'Building the checkout flow.',
    });
  });

  it('keeps script-laden text exactly as written (escaping is the page’s job)', () => {
    const text = '<script>alert(1)</script> & <img src=x onerror=alert(2)> "quoted"';
    expect(requestSchema.parse({ ...base, justification: text }).justification).toBe(text);
  });

  it('refuses an application id that is not a GUID, of any type, with the field’s own message', () => {
    const choose = 'Choose one of your applications, or enter a managed identity’s object id.';
    for (const clientSpId of [
      '',
      'not-a-guid',
      'A'.repeat(300_000),
      'a7e3c1d9-0001-4b2f-8c6a-c00000000001/../x',
      12345,
      null,
      ['a'],
      { a: 1 },
    ])
      expect(firstMessage({ ...base, clientSpId })).toBe(choose);
    expect(requestSchema.parse({ ...base, clientSpId: ' A7E3C1D9-0001-4B2F-8C6A-C00000000001 ' }).clientSpId).toBe(
      'A7E3C1D9-0001-4B2F-8C6A-C00000000001',
    );
  });

  it('keeps line breaks', () => {
    expect(requestSchema.parse({ ...base, justification: 'Line one\r\nLine two\nthree' }).justification).toBe(
      'Line one\r\nLine two\nthree',
    );
  });

  it('refuses short, oversized and control-character justifications with readable messages', () => {
    expect(firstMessage({ ...base, justification: '   too short  ' })).toBe('Explain in at least 10 characters why you need this role.');
    expect(firstMessage({ ...base, justification: 'x'.repeat(1001) })).toBe('Keep the justification under 1000 characters.');
    expect(firstMessage({ ...base, justification: 'x'.repeat(1000) })).toBeNull();
    for (const control of ['\u0000', '\u0007', '\t', '\u001b[31m', '\u007f', '\u0085']) {
      expect(firstMessage({ ...base, justification: `Need it for${control} reasons` })).toMatch(/control characters/);
    }
  });

  it('refuses a role id that is not a GUID and a malformed submission id', () => {
    expect(firstMessage({ ...base, roleId: 'Orders.Read' })).toBe('Choose a role of this API.');
    expect(firstMessage({ ...base, roleId: "c4a8e2d0-0001-4f5e-9b3a-d00000000001' or 1=1" })).toBe('Choose a role of this API.');
    expect(firstMessage({ ...base, submissionId: 'again' })).toBe('Invalid submission id.');
  });

  it('reads a duration from a form string and refuses nonsense', () => {
    expect(requestSchema.parse({ ...base, durationDays: '30' }).durationDays).toBe(30);
    expect(firstMessage({ ...base, durationDays: '-1' })).not.toBeNull();
    expect(firstMessage({ ...base, durationDays: '2.5' })).not.toBeNull();
  });
});

describe('allowedDurations', () => {
  it('offers the standard choices below the cap and the cap itself', () => {
    expect(allowedDurations(30)).toEqual([7, 30]);
    expect(allowedDurations(60)).toEqual([7, 30, 60]);
    expect(allowedDurations(3)).toEqual([3]);
  });

  it('offers a year too when the rule sets no maximum', () => {
    expect(allowedDurations(null)).toEqual([7, 30, 90, 365]);
  });
});

describe('durationFits', () => {
  it('allows any length up to the cap, and no end date only without a cap', () => {
    expect(durationFits(45, 60)).toBe(true);
    expect(durationFits(60, 60)).toBe(true);
    expect(durationFits(61, 60)).toBe(false);
    expect(durationFits(null, 60)).toBe(false);
    expect(durationFits(null, null)).toBe(true);
    expect(durationFits(1000, null)).toBe(true);
  });
});

// Rule: the doctor reads any pasted text without trusting it, and says plainly why non-JWT input is not a token.
import { describe, expect, it } from 'vitest';
import { decodeJwt } from './decode-jwt';
import samples from '@/test/fixtures/tokens/entra-access-token-samples.json';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('decodeJwt', () => {
  it("reads Microsoft's published v1.0 and v2.0 sample access tokens", () => {
    const v1 = decodeJwt(samples.v1);
    const v2 = decodeJwt(samples.v2);
    if (!v1.ok || !v2.ok) throw new Error('samples must decode');
    expect(v1.header).toMatchObject({ alg: 'RS256', typ: 'JWT', x5t: 'i6lGk3FZzxRcUb2C3nEQ7syHJlY', kid: 'i6lGk3FZzxRcUb2C3nEQ7syHJlY' });
    expect(v1.claims).toMatchObject({ ver: '1.0', appid: '75dbe77f-10a3-4e59-85fd-8c127544f17c' });
    expect(v2.claims).toMatchObject({ ver: '2.0', iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0' });
    expect(v2.signature).toBe('pj4N-w_3Us9DrBLfpCt');
    expect(v2.signingInput).toBe(samples.v2.split('.').slice(0, 2).join('.'));
  });

  it('strips a leading Bearer, an Authorization: prefix, quotes and line breaks', () => {
    for (const pasted of [
      `Bearer ${samples.v2}`,
      `Authorization: bearer ${samples.v2}`,
      `"${samples.v2}"`,
      `${samples.v2.slice(0, 40)}\n  ${samples.v2.slice(40)}\n`,
    ]) {
      const decoded = decodeJwt(pasted);
      expect(decoded.ok && decoded.token).toBe(samples.v2);
    }
  });

  it('recognises an encrypted token (five parts)', () => {
    const result = decodeJwt('eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('encrypted token (JWE') });
  });

  it.each([
    ['', 'Nothing to read'],
    ['not-a-token', 'this input has 1'],
    ['a.b', 'this input has 2'],
    [`${part({ alg: 'RS256' })}.${part({ a: 1 })}.sig.extra`, 'this input has 4'],
    [`e$x.${part({ a: 1 })}.sig`, 'header (first part) is not valid base64url'],
    [`${part({ alg: 'RS256' })}..sig`, 'payload (second part) is empty'],
    [`${Buffer.from('{alg:').toString('base64url')}.${part({ a: 1 })}.sig`, 'header (first part) decodes, but not to JSON'],
    [`${part({ alg: 'RS256' })}.${part([1, 2])}.sig`, 'payload (second part) must be a JSON object'],
    [`${part({ alg: 'RS256' })}.${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}.sig`, 'does not decode to UTF-8'],
    [`${part({ alg: 'RS256' })}.${part({ a: 1 })}.s+g`, 'signature (third part)'],
  ])('refuses %j with a clear reason', (input, reason) => {
    const result = decodeJwt(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(reason);
  });
});

// Rule: curl shows the exact request, with the token and subscription key masked unless their owner revealed them.
import { describe, expect, it } from 'vitest';
import type { SentRequest } from './console-types';
import { renderCurl, shellQuote } from './render-curl';

const REQUEST: SentRequest = {
  method: 'POST',
  url: 'https://contoso.azure-api.net/orders/orders?note=it%27s',
  headers: [
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Authorization', value: '', secret: 'token' },
    { name: 'Ocp-Apim-Subscription-Key', value: '', secret: 'subscription-key' },
  ],
  body: '{"note":"it\'s"}',
};

describe('renderCurl', () => {
  it('masks the token and the key by default', () => {
    const curl = renderCurl(REQUEST);
    expect(curl).toBe(
      [
        "curl -X POST 'https://contoso.azure-api.net/orders/orders?note=it%27s'",
        "  -H 'Content-Type: application/json'",
        "  -H 'Authorization: Bearer eyJ…<masked>'",
        "  -H 'Ocp-Apim-Subscription-Key: <masked>'",
        `  --data-raw '{"note":"it'\\''s"}'`,
      ].join(' \\\n'),
    );
    expect(curl).not.toContain('eyJhbGci');
  });

  it('shows the real values once revealed', () => {
    const curl = renderCurl(REQUEST, { token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig', subscriptionKey: 'a1b2c3' });
    expect(curl).toContain("-H 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig'");
    expect(curl).toContain("-H 'Ocp-Apim-Subscription-Key: a1b2c3'");
    expect(curl).not.toContain('<masked>');
  });

  it('leaves out an empty body', () => {
    expect(renderCurl({ method: 'GET', url: 'https://x.test/', headers: [] })).toBe("curl -X GET 'https://x.test/'");
  });

  it('quotes shell metacharacters so the command cannot be broken out of', () => {
    expect(shellQuote("a'; rm -rf / #")).toBe("'a'\\''; rm -rf / #'");
    expect(shellQuote('$(id) `id`')).toBe("'$(id) `id`'");
  });
});

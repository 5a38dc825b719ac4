// Rule: template and query values are encoded into the operation's own path; no value can change the host or leave the API's path.
import { describe, expect, it } from 'vitest';
import { refusal } from '@/test/harness/refusals';
import { buildOperationUrl } from './build-operation-url';

const BASE = 'https://contoso.azure-api.net/orders';
const build = (urlTemplate: string, templateValues: Record<string, string> = {}, query: [string, string][] = []) =>
  buildOperationUrl({ baseUrl: BASE, urlTemplate, templateValues, query }).toString();

describe('buildOperationUrl', () => {
  it('joins the base URL and the template', () => {
    expect(build('/orders')).toBe('https://contoso.azure-api.net/orders/orders');
    expect(build('/')).toBe('https://contoso.azure-api.net/orders/');
    expect(buildOperationUrl({ baseUrl: 'https://contoso.azure-api.net', urlTemplate: '/status', templateValues: {} }).toString()).toBe(
      'https://contoso.azure-api.net/status',
    );
  });

  it('fills template parameters, encoding each as one segment', () => {
    expect(build('/orders/{id}/lines', { id: 'ord-10042' })).toBe('https://contoso.azure-api.net/orders/orders/ord-10042/lines');
    expect(build('/orders/{id}', { id: 'a/b?c#d' })).toBe('https://contoso.azure-api.net/orders/orders/a%2Fb%3Fc%23d');
    expect(build('/orders/{id}', { id: '..%2f..%2fadmin' })).toBe('https://contoso.azure-api.net/orders/orders/..%252f..%252fadmin');
    expect(build('/orders/{id}', { id: '..\\..\\admin' })).toBe('https://contoso.azure-api.net/orders/orders/..%5C..%5Cadmin');
    expect(build('/orders/{id}', { id: '@evil.com' })).toBe('https://contoso.azure-api.net/orders/orders/%40evil.com');
  });

  it.each(['..', '.'])('refuses the dot segment %s as a template value', (value) => {
    expect(refusal(() => build('/orders/{id}', { id: value }))).toContain(`cannot be "${value}"`);
  });

  it('refuses an empty template value and control characters', () => {
    expect(refusal(() => build('/orders/{id}', {}))).toContain('"id" is required');
    expect(refusal(() => build('/orders/{id}', { id: 'a\r\nHost: evil' }))).toContain('control characters');
    expect(refusal(() => build('/orders', {}, [['status', 'x\ny']]))).toContain('control characters');
  });

  it('appends query parameters encoded, leaving out empty ones', () => {
    expect(
      build('/orders', {}, [
        ['status', 'shipped'],
        ['customerId', ''],
        ['q', 'a&b=c d'],
      ]),
    ).toBe('https://contoso.azure-api.net/orders/orders?status=shipped&q=a%26b%3Dc+d');
  });

  it('keeps query parameters written in the template', () => {
    expect(build('/search?kind=order&q={q}', { q: 'mug & tea' })).toBe(
      'https://contoso.azure-api.net/orders/search?kind=order&q=mug+%26+tea',
    );
  });

  it('refuses a template that would leave the base path', () => {
    expect(refusal(() => build('/../admin'))).toContain("outside the API's path");
  });

  it('cannot be pointed at another host by a template or a value', () => {
    expect(new URL(build('//evil.com/x')).host).toBe('contoso.azure-api.net');
    expect(new URL(build('/{id}', { id: '//evil.com' })).host).toBe('contoso.azure-api.net');
  });
});

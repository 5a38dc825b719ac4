// Rule: after sign-in Roleport only returns to its own pages: no open redirects, however the URL is disguised.
import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-callback-url';

const ORIGIN = 'https://roleport.contoso.com';

describe('safeCallbackUrl', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeCallbackUrl('/apis/orders')).toBe('/apis/orders');
    expect(safeCallbackUrl('/apis?q=orders&access=held')).toBe('/apis?q=orders&access=held');
    expect(safeCallbackUrl('/requests/1#timeline', ORIGIN)).toBe('/requests/1#timeline');
  });

  it('keeps an absolute URL of the portal itself, as its path', () => {
    expect(safeCallbackUrl(`${ORIGIN}/apis/orders?x=1`, ORIGIN)).toBe('/apis/orders?x=1');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['\t//evil.example'],
    [' //evil.example'],
    ['/\\/evil.example'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://roleport.contoso.com.evil.example/'],
    ['https://roleport.contoso.com@evil.example/'],
    ['http://roleport.contoso.com/'],
    [''],
    [undefined],
    [['/a', '/b']],
  ])('refuses %j', (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe('/');
    expect(safeCallbackUrl(value)).toBe('/');
  });

  it('does not loop back into sign-in or sign-out', () => {
    expect(safeCallbackUrl('/signin?callbackUrl=/x')).toBe('/');
    expect(safeCallbackUrl('/signout')).toBe('/');
    expect(safeCallbackUrl('/./signout')).toBe('/');
  });
});

// After sign-in Roleport only returns to its own pages: no open redirects.
import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-callback-url';

describe('safeCallbackUrl', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeCallbackUrl('/apis/orders')).toBe('/apis/orders');
    expect(safeCallbackUrl('/apis?q=orders&access=held')).toBe('/apis?q=orders&access=held');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    [''],
    [undefined],
    [['/a', '/b']],
  ])('refuses %s', (value) => {
    expect(safeCallbackUrl(value)).toBe('/');
  });

  it('does not loop back into sign-in or sign-out', () => {
    expect(safeCallbackUrl('/signin?callbackUrl=/x')).toBe('/');
    expect(safeCallbackUrl('/signout')).toBe('/');
  });
});

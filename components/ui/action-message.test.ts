// Rule: an action's outcome is announced: the live region is on the page before the message arrives, and a failure is an alert.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActionMessage } from './action-message';

describe('ActionMessage', () => {
  it('renders an empty polite live region before any outcome', () => {
    expect(renderToStaticMarkup(h(ActionMessage, { message: null }))).toBe('<div aria-live="polite" aria-atomic="true"></div>');
  });

  it('puts a success inside the live region as text', () => {
    const html = renderToStaticMarkup(h(ActionMessage, { message: { ok: true, text: 'Compared 5 APIs with Entra <b>now</b>' } }));
    expect(html).toMatch(/^<div aria-live="polite" aria-atomic="true"><p data-testid="action-message" class="[^"]*text-emerald-700/);
    expect(html).not.toContain('role=');
    expect(html).toContain('Compared 5 APIs with Entra &lt;b&gt;now&lt;/b&gt;');
  });

  it('makes a failure an alert', () => {
    const html = renderToStaticMarkup(h(ActionMessage, { message: { ok: false, text: 'You cannot approve your own request.' } }));
    expect(html).toMatch(
      /<p role="alert" data-testid="action-message" class="[^"]*text-rose-700[^"]*">You cannot approve your own request.<\/p>/,
    );
  });
});

// Rule: a button submits a form only when it says so, and one variant table decides how every button looks.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Button } from './button';
import { buttonClass } from './button-class';

describe('Button', () => {
  it('is type=button unless told to submit', () => {
    expect(renderToStaticMarkup(h(Button, null, 'Reset'))).toMatch(/^<button type="button"/);
    expect(renderToStaticMarkup(h(Button, { type: 'submit' }, 'Apply'))).toMatch(/^<button type="submit"/);
  });

  it('passes disabled and the accessible name through', () => {
    const html = renderToStaticMarkup(h(Button, { disabled: true, 'aria-label': 'Approve Orders.Read for Ada Lovelace' }, 'Approve'));
    expect(html).toContain('disabled=""');
    expect(html).toContain('aria-label="Approve Orders.Read for Ada Lovelace"');
  });

  it('takes its classes from the variant and size, the caller adding layout only', () => {
    const html = renderToStaticMarkup(h(Button, { variant: 'danger', size: 'md', className: 'w-full' }, 'Revoke'));
    expect(html).toContain(`class="${buttonClass('danger', 'md', 'w-full')}"`);
    expect(buttonClass('danger', 'md')).toContain('bg-rose-600');
    expect(buttonClass('primary')).toContain('bg-brand-600');
    // Every variant keeps its dark-mode colours or none at all (a solid fill reads on both).
    for (const variant of ['secondary', 'danger-outline', 'ghost', 'danger-ghost'] as const)
      expect(buttonClass(variant)).toContain('dark:');
  });
});

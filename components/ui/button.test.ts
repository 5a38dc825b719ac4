// Rule: a button submits a form only when it says so, and its variant and size alone decide how it looks (component-classes.test.ts holds the styles).
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
    expect(html).toContain('class="btn btn-danger btn-md w-full"');
    expect(buttonClass()).toBe('btn btn-secondary btn-sm');
  });
});

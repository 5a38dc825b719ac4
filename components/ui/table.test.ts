// Rule: every table names itself with a caption, heads each column with a header cell scoped to that column, and scrolls in its own named region.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Table } from './table';

const row = h('tr', { key: 'r' }, h('td', null, 'Orders.Read'), h('td', null, 'active'), h('td', null, 'Revoke'));

describe('Table', () => {
  it('renders a caption and one scoped header cell per column, the rows in the body', () => {
    const html = renderToStaticMarkup(
      h(Table, {
        caption: 'Who holds a role of Orders API',
        columns: [{ label: 'Role' }, { label: 'Status' }, { label: 'Actions', srOnly: true }],
        children: row,
      }),
    );
    expect(html).toMatch(
      /^<div role="region" aria-labelledby="([^"]+)" tabindex="0" class="table-region"><table[^>]*><caption id="\1" class="sr-only">Who holds a role of Orders API<\/caption><thead/,
    );
    expect([...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1])).toEqual([
      'Role',
      'Status',
      '<span class="sr-only">Actions</span>',
    ]);
    expect(html).toContain('<tbody><tr><td>Orders.Read</td><td>active</td><td>Revoke</td></tr></tbody>');
  });

  it('shows the caption when asked and hides the header row visually without removing it', () => {
    const html = renderToStaticMarkup(
      h(Table, {
        caption: 'Response headers',
        showCaption: true,
        headerHidden: true,
        columns: [{ label: 'Header' }, { label: 'Value' }],
        children: row,
      }),
    );
    expect(html).toMatch(/<caption id="[^"]+" class="[^"]*font-semibold[^"]*">Response headers<\/caption>/);
    expect(html).toMatch(/<thead class="sr-only"><tr><th scope="col"[^>]*>Header<\/th><th scope="col"[^>]*>Value<\/th><\/tr><\/thead>/);
  });

  it('says what an empty table means in one row across every column', () => {
    const html = renderToStaticMarkup(
      h(Table, {
        caption: 'Who holds a role of Orders API',
        columns: [{ label: 'Role' }, { label: 'Status' }, { label: 'Actions', srOnly: true }],
        children: [],
        empty: 'Nobody holds a role of this API.',
      }),
    );
    expect(html).toContain('<tbody><tr><td colSpan="3" class="muted">Nobody holds a role of this API.</td></tr></tbody>');
  });
});

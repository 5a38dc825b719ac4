// Rule: a paged list says which slice of how many is shown, and links the pages either side with the filters kept.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Pagination } from './pagination';

const href = (n: number) => `/apis?q=orders&page=${n}`;
const render = (page: number, total: number) =>
  renderToStaticMarkup(h(Pagination, { page, pageSize: 24, total, noun: ['API', 'APIs'], href }));

describe('Pagination', () => {
  it('shows the slice, the total and both neighbours in the middle of a list', () => {
    const html = render(2, 500);
    expect(html).toContain('Showing 25–48 of 500 APIs · page 2 of 21');
    expect(html).toContain('href="/apis?q=orders&amp;page=1"');
    expect(html).toContain('href="/apis?q=orders&amp;page=3"');
  });

  it('has no link past either end, and clamps a page beyond the last', () => {
    expect(render(1, 30)).not.toContain('rel="prev"');
    const last = render(9, 30);
    expect(last).toContain('Showing 25–30 of 30 APIs · page 2 of 2');
    expect(last).not.toContain('rel="next"');
  });

  it('gives only the count when everything fits on one page', () => {
    expect(render(1, 1)).toContain('>1 API<');
    expect(render(1, 0)).toContain('>0 APIs<');
  });
});

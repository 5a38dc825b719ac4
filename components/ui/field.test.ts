// Rule: a field's label names its control, its hint and error describe the control, and only an error marks it invalid.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field } from './field';
import { Textarea } from './textarea';

describe('Field', () => {
  it('points the label at the control and the control at its hint and error', () => {
    const html = renderToStaticMarkup(
      h(Field, {
        label: 'Justification',
        hint: '0 / 2000 characters',
        error: 'Say what you need the role for.',
        children: (control) => h(Textarea, { ...control, name: 'justification' }),
      }),
    );
    const label = /<label for="([^"]+)"[^>]*>Justification<\/label>/.exec(html);
    expect(label).not.toBeNull();
    const id = label![1]!;
    const control = new RegExp(`<textarea[^>]* id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
    expect(control).toContain(`aria-describedby="${id}-hint ${id}-error"`);
    expect(control).toContain('aria-invalid="true"');
    expect(html).toContain(`<p id="${id}-hint" class="text-xs muted">0 / 2000 characters</p>`);
    expect(html).toMatch(new RegExp(`<p id="${id}-error"[^>]*>Say what you need the role for.</p>`));
  });

  it('leaves a control without an error valid, described by its hint alone', () => {
    const html = renderToStaticMarkup(
      h(Field, { label: 'Justification', hint: 'The approver reads this.', children: (control) => h(Textarea, control) }),
    );
    const id = /<label for="([^"]+)"/.exec(html)![1]!;
    expect(html).toContain(`aria-describedby="${id}-hint"`);
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain(`${id}-error`);
  });

  it('marks a required field in its label, visibly and in words, and on its control', () => {
    const html = renderToStaticMarkup(h(Field, { label: 'from', required: true, children: (control) => h(Textarea, control) }));
    expect(html).toMatch(/<label [^>]*>from<span aria-hidden="true"[^>]*>\*<\/span><span class="sr-only"> \(required\)<\/span><\/label>/);
    expect(html).toContain('aria-required="true"');
  });

  it('adds no description to a bare field', () => {
    const html = renderToStaticMarkup(h(Field, { label: 'API', children: (control) => h(Textarea, control) }));
    expect(html).not.toContain('aria-describedby');
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain('required');
  });

  it('gives each field of a form its own id', () => {
    const html = renderToStaticMarkup(
      h('form', null, [
        h(Field, { key: 'a', label: 'From', children: (control) => h(Textarea, control) }),
        h(Field, { key: 'b', label: 'To', children: (control) => h(Textarea, control) }),
      ]),
    );
    const ids = [...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(html).toContain(`id="${id}"`);
  });
});

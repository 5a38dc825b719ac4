// Rule: every class the primitives hand out (buttons, controls, method badges, tables) has a rule in app/globals.css, with its hover, dark and invalid states.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { compile } from 'tailwindcss';
import { beforeAll, describe, expect, it } from 'vitest';
import { MethodBadge } from '@/components/catalog/method-badge';
import { BUTTON_SIZES, BUTTON_VARIANTS, buttonClass } from './button-class';
import { CONTROL_SIZES, controlClass } from './control-class';
import { Table } from './table';

const require = createRequire(import.meta.url);

/** app/globals.css as Tailwind compiles it (every `@apply` resolved), before minification. */
async function compiledStylesheet(): Promise<string> {
  const file = path.resolve('app/globals.css');
  const compiler = await compile(readFileSync(file, 'utf8'), {
    base: path.dirname(file),
    loadStylesheet: async (id, base) => {
      const resolved = id === 'tailwindcss' ? require.resolve('tailwindcss/index.css') : path.resolve(base, id);
      return { path: resolved, base: path.dirname(resolved), content: readFileSync(resolved, 'utf8') };
    },
  });
  return compiler.build([]);
}

/** The body of the first rule whose selector is exactly `.name`, its nested state rules included. */
function ruleOf(css: string, name: string): string {
  const start = css.indexOf(`.${name} {`);
  if (start < 0) return '';
  let depth = 0;
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++;
    if (css[i] === '}' && --depth === 0) return css.slice(start, i + 1);
  }
  return '';
}

const classesOf = (className: string) => className.split(' ');

let css = '';
beforeAll(async () => {
  css = await compiledStylesheet();
});

describe('component classes', () => {
  it('define every button variant and size, hover and dark states included', () => {
    for (const variant of BUTTON_VARIANTS)
      for (const size of BUTTON_SIZES)
        for (const name of classesOf(buttonClass(variant, size))) expect(ruleOf(css, name), `.${name}`).not.toBe('');
    expect(ruleOf(css, 'btn')).toMatch(/&:disabled \{\s*opacity: 60%;/);
    expect(ruleOf(css, 'btn-success')).toMatch(/&:hover \{\s*@media \(hover: hover\) \{\s*background-color: var\(--color-emerald-800\)/);
    // Every variant keeps its dark-mode colours or none at all (a solid fill reads on both).
    for (const variant of ['secondary', 'danger-outline', 'ghost', 'danger-ghost'] as const)
      expect(ruleOf(css, `btn-${variant}`), variant).toContain('@media (prefers-color-scheme: dark)');
  });

  it('define every control size, with the invalid border in light and dark mode', () => {
    for (const size of CONTROL_SIZES) for (const name of classesOf(controlClass(size))) expect(ruleOf(css, name), `.${name}`).not.toBe('');
    const control = ruleOf(css, 'control');
    expect(control).toMatch(/&\[aria-invalid="true"\] \{\s*border-color: var\(--color-rose-500\)/);
    expect(control).toMatch(
      /@media \(prefers-color-scheme: dark\) \{\s*&\[aria-invalid="true"\] \{\s*border-color: var\(--color-rose-400\)/,
    );
  });

  it('colour every method badge, an unknown method included', () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']) {
      const className = /class="([^"]+)"/.exec(renderToStaticMarkup(h(MethodBadge, { method })))?.[1] ?? '';
      const [base, colour = ''] = classesOf(className);
      expect(base).toBe('method');
      expect(ruleOf(css, colour), `${method}: .${colour}`).toMatch(/background-color[^}]*@media \(prefers-color-scheme: dark\)/);
    }
  });

  it('pad every table density', () => {
    for (const density of ['normal', 'compact', 'grid', 'code'] as const) {
      const html = renderToStaticMarkup(h(Table, { caption: 'c', columns: [{ label: 'a' }], density, children: [] }));
      const className = /<table class="([^"]+)"/.exec(html)?.[1] ?? '';
      for (const name of classesOf(className)) expect(css, `${density}: .${name}`).toContain(`.${name} `);
    }
  });
});

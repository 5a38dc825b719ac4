// Rule: outside components/ui/, lint refuses hand-built buttons, text inputs, selects, textareas and tables.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own configuration, loaded once; its first run compiles every plugin, hence the long timeout.
const eslint = new ESLint();
const SLOW = 90_000;

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('the components/ui lint rule', () => {
  it(
    'names the primitive to use for each raw element in a page or a component',
    async () => {
      const code = `export function Fixture() {
  return (
    <form>
      <input name="q" />
      <select name="api" />
      <textarea name="note" />
      <button type="submit">Apply</button>
      <table />
    </form>
  );
}
`;
      for (const file of ['app/(portal)/fixture-form.tsx', 'components/access/fixture-form.tsx']) {
        expect(await messages(code, file)).toEqual([
          'Use Input from components/ui/ (inside a Field) for text-like inputs.',
          'Use Select from components/ui/ instead of a hand-styled <select>.',
          'Use Textarea from components/ui/ instead of a hand-styled <textarea>.',
          'Use Button or ActionButton from components/ui/ instead of a hand-styled <button>.',
          'Use Table from components/ui/ instead of a hand-styled <table>.',
        ]);
      }
    },
    SLOW,
  );

  it(
    'lets checkboxes and radios stay native, and the primitives themselves use the elements',
    async () => {
      const toggles = `export function Fixture() {
  return <input type="checkbox" aria-label="Auto-approve" />;
}
`;
      expect(await messages(toggles, 'app/(admin)/fixture-toggle.tsx')).toEqual([]);
      expect(
        await messages('export function Fixture() {\n  return <button type="button" />;\n}\n', 'components/ui/fixture-button.tsx'),
      ).toEqual([]);
    },
    SLOW,
  );
});

import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Buttons, form controls and tables come from components/ui/, so each looks and behaves the same on every page.
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    ignores: ['components/ui/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...Object.entries({ button: 'Button or ActionButton', select: 'Select', textarea: 'Textarea', table: 'Table' }).map(
          ([element, primitive]) => ({
            selector: `JSXOpeningElement[name.name='${element}']`,
            message: `Use ${primitive} from components/ui/ instead of a hand-styled <${element}>.`,
          }),
        ),
        {
          selector:
            "JSXOpeningElement[name.name='input']:not(:has(JSXAttribute[name.name='type'][value.value=/^(checkbox|radio|hidden)$/]))",
          message: 'Use Input from components/ui/ (inside a Field) for text-like inputs.',
        },
      ],
    },
  },
  globalIgnores([
    '.next/**',
    '.next-bench*/**',
    'node_modules/**',
    '.data/**',
    '.local/**',
    'next-env.d.ts',
    'test-results/**',
    'playwright-report/**',
    'coverage/**',
    // Each file there breaks an import rule on purpose (test/architecture/boundaries.test.ts).
    'test/architecture/fixtures/**',
  ]),
]);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Packages that math must not touch: the GPU (tfjs), React, the DOM (d3-selection and friends), app state. */
const notInMath = {
  group: [
    '@tensorflow/*',
    'react',
    'react/*',
    'react-dom',
    'react-dom/*',
    'd3',
    'd3-selection',
    'd3-transition',
    'd3-zoom',
    'd3-drag',
    'katex',
    'katex/*',
    'zustand',
    'zustand/*',
  ],
  message: 'Math is plain float64 TypeScript: no tfjs, React, DOM or app state.',
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', '.gpu'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // Layering: the engine, math, charts, shared models and the panel kit know nothing of any experiment.
  {
    files: ['src/engine/**', 'src/math/**', 'src/charts/**', 'src/models/**', 'src/ui/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/experiments/**'] }],
    },
  },
  // Experiments build on the panel kit (src/ui), the charts and the engine, never on the app shell.
  {
    files: ['src/experiments/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**'],
              message: 'The app shell is not for experiments: shared panel pieces live in src/ui.',
            },
          ],
        },
      ],
    },
  },
  // The panel kit sits below the app shell: at most its types (the store context names the run controls).
  {
    files: ['src/ui/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**'], allowTypeImports: true, message: 'src/ui sits below the app shell.' },
          ],
        },
      ],
    },
  },
  // Math is plain float64 TypeScript: the shared kit (src/math) and each paper's own theory
  // (src/experiments/<id>/math) import no tfjs, React, DOM or app code, only other math, numeric libraries
  // and test fixtures. A paper's math may name its experiment's types (import type), nothing else there.
  {
    files: ['src/math/**', 'src/experiments/*/math/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['document', 'window', 'navigator', 'localStorage', 'requestAnimationFrame'].map((name) => ({
          name,
          message: 'Math runs in node, in workers and in the CLI: no DOM.',
        })),
      ],
    },
  },
  {
    files: ['src/math/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            notInMath,
            {
              regex: '^\\.\\./(?!\\.\\./tests/fixtures/)',
              message: 'src/math imports only src/math (and test fixtures).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/experiments/*/math/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            notInMath,
            {
              regex: '^\\.\\./\\.\\./(?!\\.\\./math/|\\.\\./\\.\\./tests/fixtures/)',
              message: "A paper's math imports only its own math/, src/math and test fixtures.",
            },
            {
              regex: '^\\.\\./(?!\\.\\./)',
              allowTypeImports: true,
              message:
                "A paper's math may name its experiment's types (import type), nothing else outside math/.",
            },
          ],
        },
      ],
    },
  },
);

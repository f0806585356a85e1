import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The pure core must never reach out to adapters or to I/O.
    files: [
      'src/model/**/*.ts',
      'src/graph/**/*.ts',
      'src/routing/**/*.ts',
      'src/assign/**/*.ts',
      'src/reliability/**/*.ts',
      'src/corridor/**/*.ts',
      'src/monitoring/**/*.ts',
      'src/numeric/**/*.ts',
      'src/energy/**/*.ts',
    ],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/data/**', '**/cli/**', '**/store/**', '**/server/**', '**/web/**'],
              message: 'The core never imports an adapter.',
            },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The core does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    // The server is an adapter beside the CLI, not on top of it: what both need lives in src/render or src/data.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**'], message: 'The server never imports the CLI.' }] },
      ],
    },
  },
);

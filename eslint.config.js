import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', '.tools/**', '.cache/**', '.temporal/**', 'shopify/generated/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O modules.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process'],
              message: 'Workflows run in a sandbox: no Node modules.',
            },
            {
              group: ['**/erp/**', '**/shopify/**', '**/activities/**', '@mikro-orm/*', 'graphql-request'],
              allowTypeImports: true,
              message: 'Workflows orchestrate; only import types from erp/, shopify/ or activities/.',
            },
          ],
        },
      ],
    },
  },
);

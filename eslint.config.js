import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'out/', '.disclosure-watch/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // What the Lambdas bundle: these entry points pull in code no handler runs (bench/lambda.ts).
    files: ['functions/**/*.ts'],
    ignores: ['functions/net/undici.ts', 'functions/extract/cheerio-load.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message: "import * as z from 'zod': the named `z` keeps all of zod, its 30 locales too, in every bundle.",
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'undici',
              allowTypeImports: true,
              message:
                "import from functions/net/undici.ts: undici's main entry also loads fetch, WebSocket and its mocks.",
            },
            {
              name: 'cheerio',
              allowTypeImports: true,
              message:
                "import load from functions/extract/cheerio-load.ts: cheerio's main entry also loads undici and iconv-lite.",
            },
            {
              name: 'iconv-lite',
              message: "decode with TextDecoder (functions/extract/charset.ts): iconv-lite's code tables weigh 0.5 MB.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);

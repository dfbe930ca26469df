// @ts-check
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/**
 * Import cycles through relative imports, type-only imports included (`import/no-cycle` and `import-x/no-cycle`
 * skip those, yet a type cycle still ties modules into one knot): reports each import that leads back to its file.
 */
const relativeImports = new Map();
function importsOf(file) {
  const mtime = statSync(file).mtimeMs;
  const cached = relativeImports.get(file);
  if (cached?.mtime === mtime) return cached.targets;
  const source = readFileSync(file, 'utf8');
  const targets = [...source.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g)]
    .map((match) => resolveRelative(file, match[1]))
    .filter((target) => target !== null);
  relativeImports.set(file, { mtime, targets });
  return targets;
}
function resolveRelative(from, specifier) {
  const base = join(dirname(from), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? null;
}
/** The import path from `start` back to `goal`, if there is one. */
function pathBack(start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === goal) {
      const path = [];
      for (let at = file; at !== null; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of importsOf(file)) {
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}
const noImportCycle = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { cycle: 'Import cycle (type-only imports count too): {{path}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = resolveRelative(file, specifier);
      const path = target && pathBack(target, file);
      if (path) {
        const shown = [file, ...path].map((step) => relative(dirname(file), step)).join(' → ');
        context.report({ node, messageId: 'cycle', data: { path: shown } });
      }
    };
    return { ImportDeclaration: check, ExportAllDeclaration: check, ExportNamedDeclaration: check };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.local/**',
      'coverage/**',
      'node_modules/**',
      'libs/persistence/src/generated/**',
      'apps/console/src/api/generated/**',
      'test-results/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.mjs',
            '*.js',
            'prisma.config.ts',
            'scripts/*.mjs',
            'test/support/*.js',
            'test/browser/support/*.mjs',
            'apps/console/vite.config.mts',
          ],
          // The config files and scripts above: a few more than the default of 8.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Production code stays readable in one sitting: files up to 600 lines, functions up to 80 (a workflow's
    // entry function, which holds its handlers and loops in one deterministic closure, says so where it is).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'workflows/**/*.ts', 'deploy/**/*.ts', 'prisma/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'max-lines': ['error', { max: 600 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(api|worker|relay|targets)/src',
              message: 'Apps must not import from each other; share code through libs/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is layered (the kernel below the three pipelines): no module reaches itself again through its
    // imports, type-only imports included, so a rule is found by following imports one way.
    files: ['libs/domain/**/*.ts'],
    plugins: { local: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'local/no-import-cycle': 'error' },
  },
  {
    // The web console (React): the rules of hooks, and accessible markup (axe checks the rendered pages too).
    files: ['apps/console/**/*.tsx', 'apps/console/**/*.ts'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'max-lines': ['error', { max: 600 }],
    },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node builtins, no frameworks.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins
            .flatMap((name) => [name, `node:${name}`])
            .map((name) => ({ name, message: 'Workflows must be deterministic: no Node builtins.' })),
          patterns: [
            { group: ['@nestjs/*'], message: 'No Nest inside workflows.' },
            {
              group: ['@prisma/*', '**/generated/prisma/*'],
              message: 'No Prisma inside workflows; use activities.',
            },
            { group: ['kafkajs'], message: 'No Kafka inside workflows; use activities.' },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
              message: 'Workflows import only @temporalio/workflow and activity types.',
            },
            {
              group: [
                '@app/auth',
                '@app/persistence',
                '@app/kafka',
                '@app/temporal',
                '@app/config',
                '@app/tracing',
              ],
              message: 'Workflows import only @app/domain, @app/contracts and activity types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

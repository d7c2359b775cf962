// Lint: typescript-eslint's recommended rules, import cycles, and the layer rules of
// ARCHITECTURE.md: each domain may import only the domains below it, and only through their
// index.ts (no deep imports across domains).
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const domains = [
  'lib',
  'structs',
  'jobspec',
  'acl',
  'state',
  'scheduler',
  'server',
  'drivers',
  'client',
  'api',
  'cli',
  'agent',
  'sim',
];

/** What each domain may import (besides itself). */
const allowed = {
  lib: [],
  structs: ['lib'],
  jobspec: ['structs', 'lib'],
  acl: ['structs', 'lib'],
  state: ['structs', 'lib'],
  scheduler: ['state', 'acl', 'jobspec', 'structs', 'lib'],
  server: ['scheduler', 'state', 'acl', 'jobspec', 'structs', 'lib'],
  drivers: ['lib'],
  client: ['drivers', 'structs', 'lib'],
  api: [],
  cli: ['api', 'jobspec', 'agent', 'structs', 'lib'],
  sim: ['client', 'server', 'structs', 'lib'],
  agent: [
    'sim',
    'server',
    'client',
    'scheduler',
    'state',
    'acl',
    'jobspec',
    'structs',
    'drivers',
    'api',
    'lib',
  ],
};

function layerRule(domain) {
  const patterns = [];
  for (const other of domains) {
    if (other === domain) continue;
    if (!allowed[domain].includes(other)) {
      patterns.push({
        group: [`**/${other}`, `**/${other}/**`, `../${other}`, `../${other}/**`],
        message: `src/${domain} may not import src/${other} (see ARCHITECTURE.md, "Layers").`,
      });
    } else {
      patterns.push({
        group: [`../${other}/**`, `!../${other}/index.js`],
        message: `Import src/${other} through its index.ts, not its inner files.`,
      });
    }
  }
  return {
    files: [`src/${domain}/**/*.ts`],
    ignores: [`src/${domain}/**/*.test.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...domains.map(layerRule),
);

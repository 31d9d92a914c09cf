// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The domain and the projections are pure: no framework, no I/O, no clock, no randomness. */
const impure = [
  '@nestjs/*', 'fastify', 'express', 'rxjs', 'kafkajs', '@eventstore/*', 'better-sqlite3', 'pg', 'pino',
  'fs', 'fs/*', 'node:fs', 'node:fs/*', 'path', 'node:path', 'net', 'node:net', 'http', 'node:http',
  'https', 'node:https', 'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads',
  'os', 'node:os', 'dgram', 'node:dgram', 'dns', 'node:dns', 'tls', 'node:tls', 'process', 'node:process',
  '@tppo/event-store', '@tppo/protected-data', '@tppo/access',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Not in apps/: Nest's dependency injection needs the runtime import of a constructor parameter's class.
    files: ['libs/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['libs/case-domain/src/**/*.ts', 'libs/read-models/src/**/*.ts', 'libs/integration-events/src/**/*.ts'],
    // The generator writes the document: the one file of the contract that does I/O.
    ignores: ['**/*.spec.ts', 'libs/integration-events/src/write-asyncapi.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: impure, message: 'The domain and projections stay pure: no framework or I/O imports.' }] }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'Pure code reads no environment.' },
        { name: 'fetch', message: 'Pure code does no I/O.' },
        { name: 'setTimeout', message: 'Pure code does not schedule.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '`now` comes in with the command; never read the clock in the domain.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '`now` comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids come in with the command.' }],
    },
  },
);

// Lint rules, including the import boundaries of docs/ARCHITECTURE.md, each with its reason.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const serverOnly = ['**/app/**', '**/db/**', '**/transport/**', '**/mail/**', '**/server.js', '**/main.js', 'node:*', 'pg', 'fastify', 'socket.io'];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Domain rules are pure so that they can be tested alone and shared with browsers.
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: serverOnly, message: 'src/domain is pure: no I/O, no server code.' }] }] },
  },
  {
    // The wire contract is imported by browsers: it must not pull server code into a bundle.
    files: ['src/protocol/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...serverOnly, '**/domain/**'], message: 'src/protocol is the wire contract only.' }] }] },
  },
  {
    // Browsers talk to the server over the protocol; they never import its use cases or adapters.
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/vite.config.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: serverOnly.filter((p) => p !== '**/server.js'), message: 'Browser code imports src/protocol and src/domain only.' }] }] },
  },
  {
    // The customer page has a 35 KB budget: zod stays out of it.
    files: ['web/customer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...serverOnly, 'zod', '**/domain/queueConfig.js'], message: 'Keep the customer bundle small.' }] }] },
  },
  {
    // Use cases are driven by transports, never the reverse: they publish through the Publisher port.
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/transport/**'], message: 'src/app must not import src/transport (use a port in src/app/deps.ts).' }] }] },
  },
  {
    // Transports stay thin (validate → authorise → command → present): queries belong to src/app.
    files: ['src/transport/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/db/**', 'pg', '@electric-sql/*'], message: 'No SQL in src/transport: call a use case in src/app.' }] }] },
  },
  {
    files: ['src/main.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);

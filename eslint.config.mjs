// The core must stay pure: it runs in plain node (unit tests, headless CLI) and in the
// extension alike, so it may not reach VS Code, the file system or processes directly.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'bench/**', 'tools/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Notifications draw `[label](command:…)` in a message as a link that runs the command: their
    // messages quote untrusted text, so they go through src/vscode/notifications.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/notifications.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]",
        message: 'Use showInformation/showWarning/showError of src/vscode/notifications.ts: their messages stay text.',
      }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core is pure: use an adapter in src/vscode.' },
          { name: 'fs', message: 'src/core is pure: do I/O through a port (src/core/ports.ts).' },
          { name: 'node:fs', message: 'src/core is pure: do I/O through a port (src/core/ports.ts).' },
          { name: 'fs/promises', message: 'src/core is pure: do I/O through a port.' },
          { name: 'node:fs/promises', message: 'src/core is pure: do I/O through a port.' },
          { name: 'child_process', message: 'src/core is pure: processes go through a port.' },
          { name: 'node:child_process', message: 'src/core is pure: processes go through a port.' },
        ],
      }],
    },
  },
);

// Lints all of the project's JavaScript (scripts/test.sh runs `npx eslint .`).
// What ships (www/) is also held to the browser floor, Chromium 80: syntax it
// cannot parse is an error here, besides the real-browser tests.
import js from '@eslint/js';
import globals from 'globals';

const CHROMIUM_80 = [
  { selector: "MethodDefinition[key.type='PrivateIdentifier']", message: 'Private methods need Chromium 84 (the floor is 80).' },
  { selector: 'StaticBlock', message: 'Class static blocks need Chromium 94 (the floor is 80).' },
  { selector: "AssignmentExpression[operator=/^(\\?\\?|\\|\\||&&)=$/]", message: 'Logical assignment needs Chromium 85 (the floor is 80).' },
  { selector: "CallExpression[callee.property.name=/^(replaceAll|replaceChildren|at|findLast|findLastIndex|toSorted|toReversed)$/]", message: 'Not in Chromium 80.' },
  { selector: "MemberExpression[object.name='Object'][property.name='hasOwn']", message: 'Object.hasOwn needs Chromium 93 (the floor is 80).' },
  { selector: "MemberExpression[object.name='Promise'][property.name='any']", message: 'Promise.any needs Chromium 85 (the floor is 80).' },
  { selector: "CallExpression[callee.name='structuredClone']", message: 'structuredClone needs Chromium 98 (the floor is 80).' },
];

export default [
  { ignores: ['www/pkg/**', 'www/xlsx/**', 'www/examples/vendor/**', 'target/**', 'fuzz/**', 'node_modules/**', 'test-output/**', 'pkg/**'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  {
    files: ['www/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-syntax': ['error', ...CHROMIUM_80] },
  },
  { files: ['www/embed/portal.js', 'www/jixiao.classic.js'], languageOptions: { sourceType: 'script' } },
];

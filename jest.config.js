/** One runner across the repository. ts-jest transpiles only (type checking is `npm run build`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Some suites start real servers (express, ws, the TON devnet API, onnxruntime sessions) in child processes and
  // close them in afterAll; keep-alive sockets can outlive the run by a few seconds. Never let CI hang on them.
  forceExit: true,
};

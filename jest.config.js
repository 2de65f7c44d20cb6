/** One runner across the repository. ts-jest transpiles only (type checking is `npm run check`'s tsc step). */

/**
 * Coverage gates of `npm run check` (`jest --coverage`), in percent of lines and of branches, per source area. Each
 * area is measured as a whole (the aggregate of its files). The pure verifier is held higher than the shells.
 */
const COVERAGE_MIN = {
  attestation: 90,
  core: 80,
  proto: 80,
  broker: 80,
  sdk: 80,
  'enclave-runtime': 80,
  contracts: 80,
  devnet: 80,
  cli: 80,
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only (isolatedModules, no diagnostics): type errors are the typecheck step's job, not each test's.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true }, diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Some suites start real servers (express, ws, the TON devnet API, onnxruntime sessions) in child processes and
  // close them in afterAll; keep-alive sockets can outlive the run by a few seconds. Never let CI hang on them.
  forceExit: true,

  // Used with --coverage: sources only (never dist/ or the tests), generated protobuf code excluded.
  collectCoverageFrom: [
    `{${Object.keys(COVERAGE_MIN).join(',')}}/**/*.ts`,
    '!**/*.d.ts',
    '!proto/generated/**',
    '!**/node_modules/**',
  ],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: Object.fromEntries(
    Object.entries(COVERAGE_MIN).map(([area, min]) => [`./${area}/`, { lines: min, branches: min }]),
  ),
};

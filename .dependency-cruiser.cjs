// Layer rules for `npm run check` (dependency-cruiser). Bottom to top:
//   core/ -> attestation/, proto/ -> broker/, sdk/, enclave-runtime/, contracts/ -> devnet/ (simulated) -> cli/
// bench/ and test/ sit above everything. Type-only imports count (tsPreCompilationDeps), so a cycle through
// `import type` is still a cycle.
const PRODUCTION = '^(core|attestation|proto|broker|sdk|enclave-runtime|contracts)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules form a DAG; move a shared type or helper down a layer instead of importing back up.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      comment: 'core/ (bytes, PEM, DER, clock, retry, cache) imports nothing else of ours.',
      from: { path: '^core/' },
      to: { path: '^(attestation|proto|broker|sdk|enclave-runtime|contracts|devnet|cli|bench|test|scripts|bin)/' },
    },
    {
      name: 'verifier-and-protocol-stay-pure',
      severity: 'error',
      comment: 'attestation/ (the pure verifier) and proto/ know nothing of the programs, the chain or the CLI.',
      from: { path: '^(attestation|proto)/' },
      to: { path: '^(broker|sdk|enclave-runtime|contracts|devnet|cli|bench|test|scripts|bin)/' },
    },
    {
      name: 'no-simulators-in-production',
      severity: 'error',
      comment:
        'Simulated TDX/GPU providers and devnet PKIs (devnet/) and the commands (cli/) stay out of the libraries.',
      from: { path: PRODUCTION },
      to: { path: '^(devnet|cli|bench|test|scripts|bin)/' },
    },
    {
      name: 'devnet-below-cli',
      severity: 'error',
      comment: 'devnet/ drives the libraries; the CLI drives devnet/, never the other way round.',
      from: { path: '^devnet/' },
      to: { path: '^(cli|bench|test|scripts|bin)/' },
    },
    {
      name: 'no-dev-dependencies-at-run-time',
      severity: 'error',
      comment:
        'What runs for a user (the libraries, devnet/, cli/) uses runtime dependencies only; a devDependency there ' +
        'would be missing from a production install. Type-only imports of @types packages are fine.',
      from: { path: '^(core|attestation|proto|broker|sdk|enclave-runtime|contracts|devnet|cli)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'adversarial-suite-uses-public-exports',
      severity: 'error',
      comment:
        'test/adversarial/ plays hostile parties with what a stranger gets from the package: the public entry ' +
        'points (chrysalis/sdk, /broker, /worker, /contracts, /devnet) and its own helpers, nothing internal.',
      from: { path: '^test/adversarial/' },
      to: {
        path: '^(core|attestation|proto|broker|sdk|enclave-runtime|contracts|devnet|cli|bench|scripts|bin|test)/',
        pathNot: ['^(sdk|broker|enclave-runtime|contracts|devnet)/index\\.ts$', '^test/adversarial/'],
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a typo or a missing dependency).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

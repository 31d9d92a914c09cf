/** Two projects: `unit` (pure code and adapters, milliseconds each) and `e2e` (processes, HTTP, files). */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
}];
const moduleNameMapper = {
  '^@tppo/(eventsourcing|case-domain|event-store|protected-data|access|read-models|read-store|integration-events|messaging|sqlite-worker|transparency)$': '<rootDir>/libs/$1/src',
};
// A few dependencies ship only as ES modules (jest on Node 20 cannot require them): swc turns them into CommonJS.
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|content-disposition)/)'],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 60000 },
    // Against real servers that .ci/run starts (PostgreSQL now; Kafka and EventStoreDB later).
    // The web console in Debian's headless Chromium (npm run test:browser; .ci/run installs chromium).
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], testTimeout: 120000 },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'], testTimeout: 60000 },
  ],
};

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
  '^@tppo/(eventsourcing|case-domain|event-store|protected-data|testing|access)$': '<rootDir>/libs/$1/src',
};
// jose ships only as an ES module: let swc turn it into CommonJS for jest.
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 60000 },
  ],
};

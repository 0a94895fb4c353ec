/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', isolatedModules: true }],
  },
  // Bundles the pool threads' code from the current sources (lib/threads/worker-source.ts).
  globalSetup: '<rootDir>/scripts/build-worker.js',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

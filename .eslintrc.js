// ESLint configuration shared by every package: LoopBack's own rule set,
// type-aware, run against each package's TypeScript sources.
module.exports = {
  root: true,
  extends: ['@loopback/eslint-config'],
  parserOptions: {
    project: [
      './packages/*/tsconfig.json',
      // The browser code of the authorization console's page
      './packages/*/console/tsconfig.json',
      './examples/*/tsconfig.json',
      './benchmark/tsconfig.json',
    ],
    tsconfigRootDir: __dirname,
  },
};

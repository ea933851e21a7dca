// ESLint configuration shared by every package: LoopBack's own rule set,
// type-aware, run against each package's TypeScript sources.

// @loopback/rest is an optional peer dependency of @loopback/authorization:
// only its REST-facing folder, src/rest/, may import it, so that an
// application without REST loads the rest of the package
const AUTHORIZATION_REST_IMPORT = {
  name: '@loopback/rest',
  message:
    'Only packages/authorization/src/rest/ may import @loopback/rest (an optional peer dependency).',
};

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
  overrides: [
    {
      files: ['packages/authorization/src/**/*.ts'],
      excludedFiles: [
        'packages/authorization/src/rest/**',
        'packages/authorization/src/__tests__/**',
      ],
      rules: {
        'no-restricted-imports': [
          'error',
          {paths: [AUTHORIZATION_REST_IMPORT]},
        ],
      },
    },
    {
      // The request path and what it stands on import nothing REST-facing:
      // the components and the index at the root are the only bridge
      files: [
        'packages/authorization/src/{builtins,contracts,helpers,metadata,options,pipeline}/**/*.ts',
      ],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [AUTHORIZATION_REST_IMPORT],
            patterns: [
              {
                group: ['../rest', '../rest/**', '../../rest', '../../rest/**'],
                message:
                  'The request path imports nothing from the REST-facing folder, src/rest/.',
              },
            ],
          },
        ],
      },
    },
  ],
};

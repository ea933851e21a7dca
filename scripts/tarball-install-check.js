// Packs both packages, installs the tarballs into a fresh application in a
// temporary folder, outside the workspace, with the published
// @loopback/authentication, and runs requests through it: an admin gets 200,
// another user 403. Fails on any EBADENGINE warning of npm install, and when
// the application sees more than one @loopback/security.
'use strict';
const {execFileSync} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {pack} = require('./pack');

/**
 * The published packages the fresh application depends on. On Node 20,
 * @loopback/repository (a peer that @loopback/rest brings in) stays at 8.0.11:
 * later 8.x need loopback-datasource-juggler 7, which declares Node 22.
 */
const PUBLISHED = [
  '@loopback/authentication@^12.0.16',
  '@loopback/core@^7.0.15',
  '@loopback/rest@^15.0.16',
  '@loopback/repository@8.0.11',
];

const APP = `'use strict';
const {
  authenticate,
  AuthenticationComponent,
  registerAuthenticationStrategy,
} = require('@loopback/authentication');
const {
  AuthorizationComponent,
  authorize,
  BuiltinAuthorizersComponent,
} = require('@loopback/authorization');
const {get, HttpErrors, RestApplication} = require('@loopback/rest');
const {securityId} = require('@loopback/security');

// A strategy that trusts an x-user header: enough to bind a user
class HeaderStrategy {
  constructor() {
    this.name = 'header';
  }
  async authenticate(request) {
    const name = request.headers['x-user'];
    if (!name) throw new HttpErrors.Unauthorized('No x-user header');
    return {[securityId]: name, name, roles: name === 'admin' ? ['ADMIN'] : []};
  }
}

class AdminController {
  admin() {
    return {admin: true};
  }
}
// What @authenticate('header') @authorize.allow('ADMIN') @get('/admin') do
const proto = AdminController.prototype;
for (const decorate of [
  get('/admin'),
  authorize.allow('ADMIN'),
  authenticate('header'),
]) {
  decorate(proto, 'admin', Object.getOwnPropertyDescriptor(proto, 'admin'));
}

async function main() {
  const app = new RestApplication({rest: {host: '127.0.0.1', port: 0}});
  app.component(AuthenticationComponent);
  registerAuthenticationStrategy(app, HeaderStrategy);
  app.component(AuthorizationComponent);
  app.component(BuiltinAuthorizersComponent);
  app.controller(AdminController);
  await app.start();
  try {
    const status = async user =>
      (await fetch(app.restServer.url + '/admin', {headers: {'x-user': user}}))
        .status;
    console.log(JSON.stringify({admin: await status('admin'), ann: await status('ann')}));
  } finally {
    await app.stop();
  }
}
main().catch(err => {
  console.error(err);
  process.exit(1);
});
`;

function run(command, args, cwd) {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function fail(message) {
  console.error(`Tarball install check failed: ${message}`);
  process.exitCode = 1;
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-tarballs-'));
  try {
    const tarballs = pack(path.join(tmp, 'tarballs'));
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({name: 'fresh-app', version: '1.0.0', private: true}),
    );
    // stderr carries npm's warnings: keep both streams
    const install = execFileSync(
      'sh',
      [
        '-c',
        'npm install --no-audit --no-fund "$@" 2>&1',
        'sh',
        ...tarballs,
        ...PUBLISHED,
      ],
      {cwd: app, encoding: 'utf8'},
    );
    if (/EBADENGINE/.test(install)) {
      return fail(`npm install warned about engines:\n${install}`);
    }
    const tree = JSON.parse(
      run('npm', ['ls', '@loopback/security', '--all', '--json'], app),
    );
    const versions = new Set();
    (function collect(node) {
      for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
        if (name === '@loopback/security') versions.add(dep.version);
        collect(dep);
      }
    })(tree);
    const top = tree.dependencies?.['@loopback/security'];
    if (versions.size !== 1 || !top?.resolved?.includes('tarballs')) {
      return fail(
        `expected one @loopback/security, from the tarball: ${[...versions]} ` +
          `resolved from ${top?.resolved}`,
      );
    }
    fs.writeFileSync(path.join(app, 'index.js'), APP);
    const result = JSON.parse(run(process.execPath, ['index.js'], app).trim());
    if (result.admin !== 200 || result.ann !== 403) {
      return fail(
        `expected 200 for admin and 403 for ann, got ${JSON.stringify(result)}`,
      );
    }
    console.log(
      `Tarball install check passed on Node ${process.version}: ` +
        `${tarballs.map(t => path.basename(t)).join(', ')} installed with ` +
        `the published @loopback/authentication; admin 200, ann 403; ` +
        `one @loopback/security; no EBADENGINE`,
    );
  } finally {
    fs.rmSync(tmp, {recursive: true, force: true});
  }
}

main();

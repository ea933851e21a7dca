// Copyright The loopback-security-monorepo authors. License: MIT.

// @loopback/rest is an optional peer: an application without it loads the
// package, mounts the component, starts and decides calls.

import {expect} from '@loopback/testlab';
import {execFileSync} from 'node:child_process';
import {join} from 'node:path';

const PACKAGE = join(__dirname, '..', '..', '..');

// Runs in a child process, where resolving @loopback/rest or
// @loopback/openapi-v3 throws as if they were not installed
const SCRIPT = `
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^@loopback\\/(rest|openapi-v3)/.test(request)) {
    throw new Error('not installed: ' + request);
  }
  return resolve.call(this, request, ...rest);
};
const {Application, invokeMethod, Context} = require('@loopback/core');
const a = require('./dist');
class Shop { open() { return 'opened'; } }
a.authorize.deny('NOBODY')(Shop.prototype, 'open',
  Object.getOwnPropertyDescriptor(Shop.prototype, 'open'));
(async () => {
  const app = new Application();
  app.component(a.AuthorizationComponent);
  app.configure(a.AuthorizationBindings.COMPONENT).to({unprotectedRoutes: 'fail'});
  await app.start();
  const result = await invokeMethod(new Shop(), 'open', new Context(app))
    .catch(err => err.statusCode);
  await app.stop();
  console.log(JSON.stringify({result}));
})().catch(err => { console.error(err); process.exit(1); });
`;

describe('Without @loopback/rest', () => {
  it('loads, starts strict and decides a call with the core alone', () => {
    const output = execFileSync(process.execPath, ['-e', SCRIPT], {
      cwd: PACKAGE,
      encoding: 'utf8',
    });
    // Deny by default: no voter allows, so the call is refused with 403
    expect(JSON.parse(output)).to.eql({result: 403});
  });
});

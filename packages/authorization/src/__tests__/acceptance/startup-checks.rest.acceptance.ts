// Copyright The loopback-security-monorepo authors. License: MIT.

// What the start-up check of unprotected routes writes, and where: nothing
// on the console by default (LoopBack's test runner fails a run that writes
// there), the debug log when it is on, and "authentication only" for routes
// that @authenticate guards.

import {authenticate} from '@loopback/authentication';
import {get, RestApplication} from '@loopback/rest';
import {expect} from '@loopback/testlab';
import debugFactory from 'debug';
import {format} from 'node:util';
import {AuthorizationBindings, AuthorizationOptions, authorize} from '../..';
import {givenRestApp} from '../fixtures/rest-app';

const NAMESPACE = 'loopback:authorization:startup-checks';

class AccountController {
  @authenticate('jwt')
  @get('/me')
  me() {
    return {me: true};
  }

  @get('/status')
  status() {
    return {status: 'open'};
  }

  @authenticate.skip()
  @get('/hello')
  hello() {
    return 'hello';
  }

  @authorize.allowAuthenticated()
  @get('/orders')
  orders() {
    return [];
  }
}

@authenticate('jwt')
class ProfileController {
  @get('/profile')
  profile() {
    return {};
  }

  @authenticate.skip()
  @get('/profile/public')
  publicProfile() {
    return {};
  }
}

describe('Start-up check output (HTTP)', () => {
  let app: RestApplication | undefined;
  let consoleOutput: string[];
  let debugLog: string[];
  let restore: (() => void)[];

  beforeEach(givenOutputCapture);
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    for (const undo of restore.reverse()) undo();
  });

  it('writes nothing to the console by default, and nothing to stderr without DEBUG', async () => {
    app = givenRestApp(undefined, AccountController);
    await app.start();
    expect(consoleOutput).to.eql([]);
    expect(debugLog).to.eql([]);
  });

  it('lists the routes in the debug log by default when it is on', async () => {
    givenDebugOn();
    app = givenRestApp(undefined, AccountController);
    await app.start();
    expect(consoleOutput).to.eql([]);
    expect(debugLog).to.have.length(1);
    expect(debugLog[0]).to.match(/3 route\(s\) have no authorization rule/);
    expect(debugLog[0]).to.match(
      /GET \/status \(AccountController\.status\): anyone may call it/,
    );
  });

  it('says "authentication only" for a method or class @authenticate guards', async () => {
    const warnings: string[] = [];
    app = givenRestApp(
      {unprotectedRoutes: 'warn'},
      AccountController,
      ProfileController,
    );
    app
      .bind(AuthorizationBindings.WARNING_WRITER)
      .to(message => warnings.push(message));
    await app.start();
    expect(warnings).to.have.length(1);
    const lines = warnings[0].split('\n');
    expect(lines).to.containDeep([
      '  GET /me (AccountController.me): authentication only, no authorization rule',
      '  GET /profile (ProfileController.profile): authentication only, no authorization rule',
      '  GET /status (AccountController.status): anyone may call it',
      '  GET /hello (AccountController.hello): anyone may call it',
      '  GET /profile/public (ProfileController.publicProfile): anyone may call it',
    ]);
    expect(warnings[0]).to.not.match(/\/orders/);
  });

  it('names the authenticated routes in the error of unprotectedRoutes "fail"', async () => {
    const failing = givenRestApp(
      {unprotectedRoutes: 'fail'},
      ProfileController,
    );
    await expect(failing.start()).to.be.rejectedWith(
      /GET \/profile \(ProfileController\.profile\): authentication only, no authorization rule/,
    );
    expect(consoleOutput).to.eql([]);
  });

  it('writes nothing anywhere with unprotectedRoutes "silent", debug on', async () => {
    givenDebugOn();
    const options: AuthorizationOptions = {unprotectedRoutes: 'silent'};
    app = givenRestApp(options, AccountController);
    await app.start();
    expect(consoleOutput).to.eql([]);
    expect(debugLog).to.eql([]);
  });

  function givenOutputCapture() {
    consoleOutput = [];
    debugLog = [];
    restore = [];
    const target = global.console;
    for (const method of ['log', 'warn', 'error', 'info'] as const) {
      const original = target[method];
      target[method] = (...args: unknown[]) => {
        consoleOutput.push(format(...args));
      };
      restore.push(() => (target[method] = original));
    }
    const originalLog = debugFactory.log;
    debugFactory.log = (...args: unknown[]) => {
      debugLog.push(format(...args));
    };
    restore.push(() => (debugFactory.log = originalLog));
    // Whatever DEBUG the run has, these tests decide what is enabled
    const namespaces = debugFactory.disable();
    restore.push(() => debugFactory.enable(namespaces));
  }

  function givenDebugOn() {
    debugFactory.enable(NAMESPACE);
  }
});

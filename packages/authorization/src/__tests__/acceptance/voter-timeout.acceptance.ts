// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingScope, Context} from '@loopback/core';
import {SecurityBindings} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  AuthorizationDecision,
  AuthorizationErrorCode,
  AuthorizationTags,
  authorize,
} from '../..';
import {
  givenAuthorizationApp,
  givenDecisionRecords,
  givenUser,
  invokeAs,
} from '../fixtures/authorization-app';
import {expectBodyNeverRuns} from '../fixtures/bad-input-app';

const {ALLOW} = AuthorizationDecision;
const never = () => new Promise<never>(() => {});

class Desk {
  static bodyRuns = 0;

  @authorize({resource: 'desk'})
  open() {
    Desk.bodyRuns++;
    return 'opened';
  }
}

/**
 * `voterTimeout` bounds the whole decision: every step that may wait, not
 * only the promise a voter returns (review finding 9)
 */
describe('voterTimeout bounds the whole decision (review finding 9)', () => {
  expectBodyNeverRuns(Desk);

  /**
   * Opens the desk as a user
   */
  function openDesk(app: Context) {
    return invokeAs(app, new Desk(), 'open', givenUser());
  }

  function givenApp() {
    const app = givenAuthorizationApp({voterTimeout: 20});
    app
      .bind('voters.allow')
      .to(async () => ALLOW)
      .tag(AuthorizationTags.AUTHORIZER);
    return app;
  }

  function pendingStep(step: RegExp | string) {
    return {
      code: AuthorizationErrorCode.VOTER_TIMEOUT,
      statusCode: 503,
      message:
        typeof step === 'string'
          ? 'Authorization of Desk.prototype.open did not finish within the ' +
            `20 ms of voterTimeout: ${step} was still pending`
          : step,
    };
  }

  it('names a voter binding that never resolves', async () => {
    const app = givenApp();
    app
      .bind('voters.slow')
      .toDynamicValue(never)
      .tag(AuthorizationTags.AUTHORIZER);
    await expect(openDesk(app)).to.be.rejectedWith(
      pendingStep('resolving binding "voters.slow"'),
    );
  });

  it('names a role mapper binding that never resolves', async () => {
    const app = givenApp();
    app
      .bind('roleMappers.slow')
      .toDynamicValue(never)
      .inScope(BindingScope.SINGLETON)
      .tag(AuthorizationTags.ROLE_MAPPER);
    await expect(openDesk(app)).to.be.rejectedWith(
      pendingStep('resolving mapper "roleMappers.slow"'),
    );
  });

  it('names a scope mapper that never answers', async () => {
    const app = givenApp();
    app.bind('scopeMappers.slow').to(never).tag(AuthorizationTags.SCOPE_MAPPER);
    await expect(openDesk(app)).to.be.rejectedWith(
      pendingStep('mapper "scopeMappers.slow"'),
    );
  });

  it('names the user when its binding never resolves', async () => {
    const app = givenApp();
    await expect(
      invokeAs(app, new Desk(), 'open', undefined, [], ctx =>
        ctx.bind(SecurityBindings.USER).toDynamicValue(never),
      ),
    ).to.be.rejectedWith(pendingStep('resolving the user'));
  });

  it('lets the decision stand when a decision listener binding never resolves', async () => {
    const app = givenApp();
    const heard = givenDecisionRecords(app);
    app
      .bind('listeners.slow')
      .toDynamicValue(never)
      .tag(AuthorizationTags.DECISION_LISTENER);
    const started = Date.now();
    // A listener cannot change the decision, so the call proceeds once the
    // listener's resolution is given up
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await expect(openDesk(app)).to.be.fulfilledWith('opened');
    } finally {
      console.error = original;
    }
    Desk.bodyRuns = 0;
    expect(Date.now() - started).to.be.below(1000);
    expect(heard.map(r => r.decision)).to.eql([ALLOW]);
    expect(String(errors[0])).to.match(/listeners\.slow/);
  });
});

// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingScope} from '@loopback/core';
import {SecurityBindings} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  AuthorizationDecision,
  AuthorizationErrorCode,
  AuthorizationTags,
} from '../..';
import {
  givenAuthorizationApp,
  givenDecisionRecords,
  givenUser,
  givenVoter,
} from '../fixtures/authorization-app';
import {
  bodyRuns,
  callDecidedByVoters,
  expectBodyNeverRuns,
} from '../fixtures/bad-input-app';

const {ALLOW} = AuthorizationDecision;
const never = () => new Promise<never>(() => {});

/**
 * `voterTimeout` bounds the whole decision: every step that may wait, not
 * only the promise a voter returns (review finding 9)
 */
describe('voterTimeout bounds the whole decision (review finding 9)', () => {
  expectBodyNeverRuns();

  /**
   * An application with a voter that allows at once
   */
  function givenApp() {
    return givenAuthorizationApp({voterTimeout: 20}, [
      givenVoter('allow', ALLOW),
    ]);
  }

  function pendingStep(step: RegExp | string) {
    return {
      code: AuthorizationErrorCode.VOTER_TIMEOUT,
      statusCode: 503,
      message:
        typeof step === 'string'
          ? 'Authorization of OrderController.prototype.decidedByVoters did ' +
            'not finish within the ' +
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
    await expect(callDecidedByVoters(app, givenUser())).to.be.rejectedWith(
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
    await expect(callDecidedByVoters(app, givenUser())).to.be.rejectedWith(
      pendingStep('resolving mapper "roleMappers.slow"'),
    );
  });

  it('names a scope mapper that never answers', async () => {
    const app = givenApp();
    app.bind('scopeMappers.slow').to(never).tag(AuthorizationTags.SCOPE_MAPPER);
    await expect(callDecidedByVoters(app, givenUser())).to.be.rejectedWith(
      pendingStep('mapper "scopeMappers.slow"'),
    );
  });

  it('names the user when its binding never resolves', async () => {
    const app = givenApp();
    await expect(
      callDecidedByVoters(app, undefined, ctx =>
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
      await expect(callDecidedByVoters(app, givenUser())).to.be.fulfilledWith(
        'decided',
      );
    } finally {
      console.error = original;
    }
    bodyRuns.count = 0;
    expect(Date.now() - started).to.be.below(1000);
    expect(heard.map(r => r.decision)).to.eql([ALLOW]);
    expect(String(errors[0])).to.match(/listeners\.slow/);
  });
});

// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingScope} from '@loopback/core';
import {get, param, RestApplication, RestBindings} from '@loopback/rest';
import {SecurityBindings} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  AuthorizationDecision,
  AuthorizationErrorCode,
  AuthorizationTags,
  authorize,
  Authorizer,
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
  delay,
  expectBodyNeverRuns,
  givenBadInputHooks,
  invokeVotedBy,
} from '../fixtures/bad-input-app';
import {givenClient, givenRestApp} from '../fixtures/rest-app';
import {ALLOW} from '../fixtures/decisions';

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

describe('Voters that do not settle (invokeMethod)', () => {
  givenBadInputHooks();

  it('holds the call, body not run, while a voter never settles and voterTimeout is off', async () => {
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    app
      .bind('voters.stuck')
      .to(() => new Promise(() => {}))
      .tag(AuthorizationTags.AUTHORIZER);
    const call = callDecidedByVoters(app, givenUser());
    const state = await Promise.race([
      call.then(
        () => 'allowed',
        () => 'failed',
      ),
      delay(50).then(() => 'pending'),
    ]);
    expect(state).to.equal('pending');
    expect(bodyRuns.count).to.equal(0);
  });

  it('ignores an Allow that arrives after voterTimeout: the call stays failed', async () => {
    const app = givenAuthorizationApp({voterTimeout: 10});
    app
      .bind('voters.late')
      .to(() => delay(40).then(() => ALLOW))
      .tag(AuthorizationTags.AUTHORIZER);
    await expect(callDecidedByVoters(app, givenUser())).to.be.rejectedWith({
      code: AuthorizationErrorCode.VOTER_TIMEOUT,
      statusCode: 503,
    });
    await delay(50);
    expect(bodyRuns.count).to.equal(0);
  });

  it('names the function voter of @authorize that does not decide within voterTimeout', async () => {
    const app = givenAuthorizationApp({voterTimeout: 15});
    const stuckVoter = () => new Promise(() => {});
    await expect(
      invokeVotedBy(app, stuckVoter as unknown as Authorizer),
    ).to.be.rejectedWith({
      code: AuthorizationErrorCode.VOTER_TIMEOUT,
      message:
        'Authorization of C.prototype.m did not finish within the 15 ms ' +
        'of voterTimeout: function stuckVoter was still pending',
    });
    expect(bodyRuns.count).to.equal(0);
  });

  it('bounds the whole decision by voterTimeout: two slow voters that each fit in it, together do not', async () => {
    const app = givenAuthorizationApp({voterTimeout: 60});
    const slowly = (vote: AuthorizationDecision) => () =>
      delay(35).then(() => vote);
    app
      .bind('voters.a')
      .to(slowly(AuthorizationDecision.ABSTAIN))
      .tag(AuthorizationTags.AUTHORIZER);
    app.bind('voters.b').to(slowly(ALLOW)).tag(AuthorizationTags.AUTHORIZER);
    await expect(callDecidedByVoters(app, givenUser())).to.be.rejectedWith({
      code: AuthorizationErrorCode.VOTER_TIMEOUT,
      message: /binding "voters\.b" was still pending$/,
    });
  });

  // Regression: Node's setTimeout fires at once for a delay above 2^31 - 1
  // ms, so such a voterTimeout is rejected rather than cutting voters short.
  it('does not cut a voter short under a voterTimeout beyond the range of setTimeout', async () => {
    const app = givenAuthorizationApp({voterTimeout: 2 ** 31});
    app
      .bind('voters.slow')
      .to(() => delay(10).then(() => ALLOW))
      .tag(AuthorizationTags.AUTHORIZER);
    const refused = await app.start().then(
      () => undefined,
      (err: unknown) => err,
    );
    if (refused !== undefined) {
      expect(refused).to.containDeep({
        code: AuthorizationErrorCode.INVALID_OPTIONS,
      });
      expect((refused as Error).message).to.match(/voterTimeout/);
      return;
    }
    expect(await callDecidedByVoters(app, givenUser())).to.equal('decided');
  });

  it('denies the call when a voter does not decide within voterTimeout', async () => {
    const app = givenAuthorizationApp({
      defaultDecision: ALLOW,
      voterTimeout: 20,
    });
    app
      .bind('voters.stuck')
      .to(() => new Promise(() => {}))
      .tag(AuthorizationTags.AUTHORIZER);
    await expect(callDecidedByVoters(app)).to.be.rejectedWith({
      code: AuthorizationErrorCode.VOTER_TIMEOUT,
      statusCode: 503,
      message:
        'Authorization of OrderController.prototype.decidedByVoters did not ' +
        'finish within the 20 ms of voterTimeout: binding "voters.stuck" ' +
        'was still pending',
    });
    expect(bodyRuns.count).to.equal(0);
  });

  it('lets a voter that decides in time vote under voterTimeout', async () => {
    const app = givenAuthorizationApp({voterTimeout: 200}, [
      givenVoter('quick', ALLOW),
    ]);
    expect(await callDecidedByVoters(app)).to.equal('decided');
  });
});

describe('voterTimeout over HTTP', () => {
  class SlowController {
    @authorize({resource: 'report'})
    @get('/report')
    report(@param.header.string('x-user') _user?: string) {
      bodyRuns.count++;
      return {report: 'ready'};
    }
  }

  let app: RestApplication;
  afterEach(() => app?.stop());

  it('answers 503 without details when a voter does not decide within voterTimeout', async () => {
    bodyRuns.count = 0;
    app = givenRestApp({defaultDecision: ALLOW, voterTimeout: 20});
    app
      .bind('voters.stuck')
      .to(() => new Promise(() => {}))
      .tag(AuthorizationTags.AUTHORIZER);
    const logged: string[] = [];
    app
      .bind(RestBindings.SequenceActions.LOG_ERROR)
      .to((err: Error, statusCode: number) =>
        logged.push(`${statusCode} ${err.message}`),
      );
    app.controller(SlowController);
    const res = await (await givenClient(app)).get('/report').expect(503);
    expect(res.body.error).to.containDeep({statusCode: 503});
    expect(JSON.stringify(res.body)).to.not.match(
      /voters\.stuck|VOTER_TIMEOUT/,
    );
    // The server log names the culprit
    expect(logged).to.eql([
      '503 Authorization of SlowController.prototype.report did not ' +
        'finish within the 20 ms of voterTimeout: binding "voters.stuck" ' +
        'was still pending',
    ]);
    expect(bodyRuns.count).to.equal(0);
  });
});

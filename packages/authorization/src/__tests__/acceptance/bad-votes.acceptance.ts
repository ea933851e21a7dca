// Copyright The loopback-security-monorepo authors. License: MIT.

// Bad votes and voters of the README's "Bad inputs" table that
// fail-closed.acceptance.ts and the unit tests do not already cover: each
// test checks what the call comes to, that the body never ran when it must
// not, and that nothing leaked into `Object.prototype`.

import {BindingKey} from '@loopback/core';
import {get, param, RestApplication, RestBindings} from '@loopback/rest';
import {
  createRestAppClient,
  expect,
  givenHttpServerConfig,
} from '@loopback/testlab';
import {
  AuthorizationComponent,
  AuthorizationDecision,
  AuthorizationErrorCode,
  AuthorizationTags,
  authorize,
  Authorizer,
} from '../..';
import {
  givenAuthorizationApp,
  givenUser,
  givenVoter,
} from '../fixtures/authorization-app';
import {
  bodyRuns,
  callDecidedByVoters,
  delay,
  givenBadInputHooks,
  invokeVotedBy,
} from '../fixtures/bad-input-app';

const {ALLOW} = AuthorizationDecision;

describe('Bad inputs: votes and voters (invokeMethod)', () => {
  givenBadInputHooks();

  describe('votes', () => {
    const MORE_INVALID_VOTES: [string, unknown, string][] = [
      ['"ALLOW" in upper case', 'ALLOW', '"ALLOW"'],
      ['" Allow" with a leading space', ' Allow', '" Allow"'],
      ['"Allow " with a trailing space', 'Allow ', '"Allow "'],
      ['"abstain" in lower case', 'abstain', '"abstain"'],
      ['an empty string', '', '""'],
      ['0', 0, 'number 0'],
      ['NaN', NaN, 'number NaN'],
      ['an empty object', {}, 'object {}'],
      ['an array holding "Allow"', ['Allow'], 'array ["Allow"]'],
      ['a boxed "Allow" string', Object('Allow'), 'object "Allow"'],
      ['a symbol', Symbol('Allow'), 'symbol Symbol(Allow)'],
      ['a function', () => ALLOW, 'function (anonymous)'],
      ['a thenable of "deny"', {then: (r: Function) => r('deny')}, '"deny"'],
    ];
    for (const [what, vote, shown] of MORE_INVALID_VOTES) {
      it(`stops the call when a voter returns ${what}`, async () => {
        const app = givenAuthorizationApp(
          {precedence: ALLOW, defaultDecision: ALLOW},
          [givenVoter('sloppy', vote)],
        );
        await expect(callDecidedByVoters(app, givenUser())).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_VOTE,
          statusCode: 500,
          message:
            'Invalid vote from binding "test.voters.0.sloppy" on ' +
            'OrderController.prototype.decidedByVoters: expected "Allow", ' +
            `"Deny" or "Abstain", got ${shown}`,
        });
        expect(bodyRuns.count).to.equal(0);
      });
    }
  });

  describe('voters that do not settle', () => {
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
  });

  describe('voter bindings', () => {
    it('names an unbound BindingKey voter and the method', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      const nowhere = BindingKey.create<Authorizer>('voters.nowhere');
      await expect(invokeVotedBy(app, nowhere)).to.be.rejectedWith({
        code: AuthorizationErrorCode.INVALID_VOTER,
        message: 'Voter binding "voters.nowhere" of C.prototype.m is not bound',
      });
      expect(bodyRuns.count).to.equal(0);
    });

    it('stops the call with the error of a tagged voter that fails to resolve', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      app
        .bind('voters.broken')
        .toDynamicValue(() => {
          throw new Error('cannot build the voter');
        })
        .tag(AuthorizationTags.AUTHORIZER);
      await expect(callDecidedByVoters(app, givenUser())).to.be.rejectedWith(
        'cannot build the voter',
      );
      expect(bodyRuns.count).to.equal(0);
    });
  });
});

describe('Bad inputs over HTTP', () => {
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
    app = new RestApplication({rest: givenHttpServerConfig()});
    const binding = app.component(AuthorizationComponent);
    app.configure(binding.key).to({defaultDecision: ALLOW, voterTimeout: 20});
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
    await app.start();
    const res = await createRestAppClient(app).get('/report').expect(503);
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

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

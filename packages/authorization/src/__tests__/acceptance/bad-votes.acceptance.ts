// Copyright The loopback-security-monorepo authors. License: MIT.

// Bad votes and voters, as the README's "Bad inputs" table lists them: each
// stops the call with an error that names the voter and the method, the
// body never runs, and nothing leaks into `Object.prototype`.

import {Binding, BindingAddress, BindingKey} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {AuthorizationErrorCode, AuthorizationTags, Authorizer} from '../..';
import {
  givenAuthorizationApp,
  givenUser,
  givenVoter,
} from '../fixtures/authorization-app';
import {
  callDecidedByVoters,
  expectBodyNeverRuns,
  givenBadInputHooks,
  invokeVotedBy,
} from '../fixtures/bad-input-app';
import {ALLOW, DENY} from '../fixtures/decisions';

describe('Bad votes and voters (invokeMethod)', () => {
  givenBadInputHooks();
  expectBodyNeverRuns();

  describe('votes', () => {
    // What a voter may wrongly return, and how the error shows it
    const INVALID_VOTES: [string, unknown, string][] = [
      ['"deny" in lower case', 'deny', '"deny"'],
      ['"allow" in lower case', 'allow', '"allow"'],
      ['"DENY" in upper case', 'DENY', '"DENY"'],
      ['"ALLOW" in upper case', 'ALLOW', '"ALLOW"'],
      ['" Allow" with a leading space', ' Allow', '" Allow"'],
      ['"Allow " with a trailing space', 'Allow ', '"Allow "'],
      ['"abstain" in lower case', 'abstain', '"abstain"'],
      ['an empty string', '', '""'],
      ['true', true, 'boolean true'],
      ['false', false, 'boolean false'],
      ['undefined', undefined, 'undefined'],
      ['null', null, 'null'],
      ['a number', 1, 'number 1'],
      ['0', 0, 'number 0'],
      ['NaN', NaN, 'number NaN'],
      ['an object', {decision: 'Allow'}, 'object {"decision":"Allow"}'],
      ['an empty object', {}, 'object {}'],
      ['an array holding "Allow"', ['Allow'], 'array ["Allow"]'],
      ['a boxed "Allow" string', Object('Allow'), 'object "Allow"'],
      ['a symbol', Symbol('Allow'), 'symbol Symbol(Allow)'],
      ['a function', () => ALLOW, 'function (anonymous)'],
      ['a thenable of "deny"', {then: (r: Function) => r('deny')}, '"deny"'],
    ];
    for (const [what, vote, shown] of INVALID_VOTES) {
      for (const defaultDecision of [ALLOW, DENY] as const) {
        it(`stops the call when a voter returns ${what} (defaultDecision ${defaultDecision})`, async () => {
          const app = givenAuthorizationApp(
            {defaultDecision, precedence: ALLOW},
            [givenVoter('sloppy', vote)],
          );
          await expect(
            callDecidedByVoters(app, givenUser()),
          ).to.be.rejectedWith({
            code: AuthorizationErrorCode.INVALID_VOTE,
            statusCode: 500,
            message:
              'Invalid vote from binding "test.voters.0.sloppy" on ' +
              'OrderController.prototype.decidedByVoters: expected "Allow", ' +
              `"Deny" or "Abstain", got ${shown}`,
          });
        });
      }
    }

    it('names a function voter that returns an invalid vote', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      const sloppyVoter = async () => true;
      await expect(
        invokeVotedBy(app, sloppyVoter as unknown as Authorizer),
      ).to.be.rejectedWith(
        /Invalid vote from function sloppyVoter on C.prototype.m: .* got boolean true/,
      );
    });

    it('does not let an earlier Allow hide a later invalid vote', async () => {
      const app = givenAuthorizationApp({precedence: DENY}, [
        givenVoter('ok', ALLOW),
        givenVoter('bad', 'no'),
      ]);
      await expect(callDecidedByVoters(app)).to.be.rejectedWith({
        code: 'INVALID_VOTE',
      });
    });
  });

  describe('voters', () => {
    it('stops the call with the error a voter throws', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      const failure = Object.assign(new Error('policy store unreachable'), {
        statusCode: 503,
      });
      app
        .bind('voters.throwing')
        .to(async () => {
          throw failure;
        })
        .tag(AuthorizationTags.AUTHORIZER);
      await expect(callDecidedByVoters(app)).to.be.rejectedWith(failure);
    });

    it('stops the call when a voter throws synchronously', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      const syncThrower = (() => {
        throw new Error('sync failure');
      }) as unknown as Authorizer;
      await expect(invokeVotedBy(app, syncThrower)).to.be.rejectedWith(
        'sync failure',
      );
    });

    // A voter after an Allow that throws something that is not an error:
    // `undefined` leaves nothing to rethrow, so the call is denied (403);
    // any other value stops the call as it is, like an error would
    const THROWN: [unknown, (rejection: unknown) => void][] = [
      [undefined, r => expect(r).to.have.property('statusCode', 403)],
      [null, r => expect(r).to.be.null()],
      [0, r => expect(r).to.equal(0)],
      ['', r => expect(r).to.equal('')],
    ];
    for (const [thrown, expectRejection] of THROWN) {
      it(`stops the call when a voter after an Allow throws ${
        JSON.stringify(thrown) ?? 'undefined'
      }`, async () => {
        const app = givenAuthorizationApp({defaultDecision: ALLOW}, [
          async () => ALLOW,
          async () => {
            throw thrown;
          },
        ]);
        const outcome = await callDecidedByVoters(app).then(
          () => ({ran: true}),
          (rejection: unknown) => ({ran: false, rejection}),
        );
        expect(outcome.ran).to.be.false();
        expectRejection((outcome as {rejection: unknown}).rejection);
      });
    }

    describe('looks a voter given by key up by its key, whatever object stands for it', () => {
      const allowAll: Authorizer = async () => ALLOW;
      const denyAll: Authorizer = async () => DENY;
      // Each object below has a string `key`, so the metadata takes it for a
      // key; its own value must never stand for what the context has there
      const asKey = (voter: object) => voter as BindingAddress<Authorizer>;

      it('a binding that was never bound: not bound', async () => {
        const app = givenAuthorizationApp({defaultDecision: DENY});
        const unbound = Binding.bind('voters.strict').to(allowAll);
        await expect(invokeVotedBy(app, asKey(unbound))).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_VOTER,
        });
      });

      it('a binding the application has since replaced: the new one votes', async () => {
        const app = givenAuthorizationApp({defaultDecision: DENY});
        const stale = app.bind('voters.strict').to(allowAll);
        app.bind('voters.strict').to(denyAll);
        await expect(invokeVotedBy(app, asKey(stale))).to.be.rejectedWith({
          statusCode: 403,
        });
      });

      it('an object with its own getValue: the bound voter votes', async () => {
        const app = givenAuthorizationApp({defaultDecision: DENY});
        app.bind('voters.strict').to(denyAll);
        const keyLike = {key: 'voters.strict', getValue: () => allowAll};
        await expect(invokeVotedBy(app, asKey(keyLike))).to.be.rejectedWith({
          statusCode: 403,
        });
      });
    });

    const UNBOUND: [string, string | BindingKey<Authorizer>][] = [
      ['voter key', 'voters.missing'],
      ['BindingKey voter', BindingKey.create<Authorizer>('voters.nowhere')],
    ];
    for (const [what, key] of UNBOUND) {
      it(`names an unbound ${what} and the method`, async () => {
        const app = givenAuthorizationApp({defaultDecision: ALLOW});
        await expect(invokeVotedBy(app, key)).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_VOTER,
          message: `Voter binding "${key}" of C.prototype.m is not bound`,
        });
      });
    }

    it('rejects a voter key bound to something other than a function', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      app.bind('voters.notAFunction').to('Allow');
      await expect(
        invokeVotedBy(app, 'voters.notAFunction'),
      ).to.be.rejectedWith({
        code: AuthorizationErrorCode.INVALID_VOTER,
        message:
          'Invalid voter binding "voters.notAFunction" on C.prototype.m: ' +
          'expected an authorizer function, got "Allow"',
      });
    });

    it('rejects a tagged binding that is not a function', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      app.bind('voters.object').to({}).tag(AuthorizationTags.AUTHORIZER);
      await expect(callDecidedByVoters(app)).to.be.rejectedWith({
        code: AuthorizationErrorCode.INVALID_VOTER,
      });
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
    });
  });
});

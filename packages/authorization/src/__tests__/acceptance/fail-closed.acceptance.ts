// Copyright The loopback-security-monorepo authors. License: MIT.

import {Binding, BindingAddress, Context} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {
  AuthorizationDecision,
  AuthorizationErrorCode,
  AuthorizationTags,
  authorize,
  Authorizer,
} from '../..';
import {
  bindTaggedVoters,
  givenAuthorizationApp,
  givenUser,
  givenVoter,
  invokeAs,
} from '../fixtures/authorization-app';
import {expectBodyNeverRuns} from '../fixtures/bad-input-app';

const {ALLOW, DENY} = AuthorizationDecision;

class OrderController {
  static bodyRuns = 0;

  @authorize({resource: 'order'})
  cancelOrder() {
    OrderController.bodyRuns++;
    return 'cancelled';
  }
}

/**
 * Calls the method `m` of a class `C` whose rule names `voter` as its only
 * voter; a run of the body counts as a run of the controller's
 *
 * @param app - The application
 * @param voter - The voter: a function or a binding key
 */
function invokeVotedBy(app: Context, voter: Authorizer | BindingAddress) {
  class C {
    @authorize({voters: [voter]})
    m() {
      OrderController.bodyRuns++;
    }
  }
  return invokeAs(app, new C(), 'm');
}

describe('Failing closed (invokeMethod)', () => {
  expectBodyNeverRuns(OrderController);

  const INVALID_VOTES: [string, unknown, string][] = [
    ['"deny" in lower case', 'deny', 'got "deny"'],
    ['"allow" in lower case', 'allow', 'got "allow"'],
    ['"DENY" in upper case', 'DENY', 'got "DENY"'],
    ['true', true, 'got boolean true'],
    ['false', false, 'got boolean false'],
    ['undefined', undefined, 'got undefined'],
    ['null', null, 'got null'],
    ['a number', 1, 'got number 1'],
    ['an object', {decision: 'Allow'}, 'got object {"decision":"Allow"}'],
  ];

  for (const [what, vote, shown] of INVALID_VOTES) {
    for (const defaultDecision of [ALLOW, DENY] as const) {
      it(`stops the call when a voter returns ${what} (defaultDecision ${defaultDecision})`, async () => {
        const app = givenAuthorizationApp({
          defaultDecision,
          precedence: ALLOW,
        });
        bindTaggedVoters(app, [givenVoter('sloppy', vote)]);
        await expect(
          invokeAs(app, new OrderController(), 'cancelOrder', givenUser()),
        ).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_VOTE,
          message:
            'Invalid vote from binding "test.voters.0.sloppy" on ' +
            'OrderController.prototype.cancelOrder: expected "Allow", ' +
            `"Deny" or "Abstain", got ${shown.replace(/^got /, '')}`,
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
    const app = givenAuthorizationApp({precedence: DENY});
    bindTaggedVoters(app, [givenVoter('ok', ALLOW), givenVoter('bad', 'no')]);
    await expect(
      invokeAs(app, new OrderController(), 'cancelOrder'),
    ).to.be.rejectedWith({code: 'INVALID_VOTE'});
  });

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
    await expect(
      invokeAs(app, new OrderController(), 'cancelOrder'),
    ).to.be.rejectedWith(failure);
  });

  for (const thrown of [undefined, null, 0, '']) {
    it(`denies the call when a voter after an Allow throws ${JSON.stringify(thrown) ?? 'undefined'}`, async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      class C {
        @authorize({
          voters: [
            async () => ALLOW,
            async () => {
              throw thrown;
            },
          ],
        })
        m() {
          OrderController.bodyRuns++;
        }
      }
      // Whatever was thrown, the call does not go through
      const error = await invokeAs(app, new C(), 'm').then(
        () => 'ran',
        (err: unknown) => err,
      );
      expect(error).to.not.equal('ran');
    });
  }

  it('stops the call when a voter throws synchronously', async () => {
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    const syncThrower = (() => {
      throw new Error('sync failure');
    }) as unknown as Authorizer;
    await expect(invokeVotedBy(app, syncThrower)).to.be.rejectedWith(
      'sync failure',
    );
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
    await expect(
      invokeAs(app, new OrderController(), 'cancelOrder'),
    ).to.be.rejectedWith({
      code: AuthorizationErrorCode.VOTER_TIMEOUT,
      statusCode: 503,
      message:
        'Authorization of OrderController.prototype.cancelOrder did not ' +
        'finish within the 20 ms of voterTimeout: binding "voters.stuck" ' +
        'was still pending',
    });
  });

  it('lets a voter that decides in time vote under voterTimeout', async () => {
    const app = givenAuthorizationApp({voterTimeout: 200});
    bindTaggedVoters(app, [givenVoter('quick', ALLOW)]);
    expect(await invokeAs(app, new OrderController(), 'cancelOrder')).to.equal(
      'cancelled',
    );
    OrderController.bodyRuns = 0;
  });

  it('names an unbound voter key and the method', async () => {
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    await expect(invokeVotedBy(app, 'voters.missing')).to.be.rejectedWith({
      code: AuthorizationErrorCode.INVALID_VOTER,
      message: 'Voter binding "voters.missing" of C.prototype.m is not bound',
    });
  });

  describe('looks a voter given by key up by its key, whatever object stands for it', () => {
    const allowAll: Authorizer = async () => ALLOW;
    const denyAll: Authorizer = async () => DENY;
    // Each object below has a string `key`, so the metadata takes it for a
    // key; its own value must never stand for what the context has there

    it('a binding that was never bound: not bound', async () => {
      const app = givenAuthorizationApp({defaultDecision: DENY});
      const unbound = Binding.bind('voters.strict').to(allowAll);
      await expect(
        invokeVotedBy(app, unbound as unknown as BindingAddress),
      ).to.be.rejectedWith({code: AuthorizationErrorCode.INVALID_VOTER});
    });

    it('a binding the application has since replaced: the new one votes', async () => {
      const app = givenAuthorizationApp({defaultDecision: DENY});
      const stale = app.bind('voters.strict').to(allowAll);
      app.bind('voters.strict').to(denyAll);
      await expect(
        invokeVotedBy(app, stale as unknown as BindingAddress),
      ).to.be.rejectedWith({statusCode: 403});
    });

    it('an object with its own getValue: the bound voter votes', async () => {
      const app = givenAuthorizationApp({defaultDecision: DENY});
      app.bind('voters.strict').to(denyAll);
      const keyLike = {key: 'voters.strict', getValue: () => allowAll};
      await expect(
        invokeVotedBy(app, keyLike as unknown as BindingAddress),
      ).to.be.rejectedWith({statusCode: 403});
    });
  });

  it('rejects a voter key bound to something other than a function', async () => {
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    app.bind('voters.notAFunction').to('Allow');
    await expect(invokeVotedBy(app, 'voters.notAFunction')).to.be.rejectedWith({
      code: AuthorizationErrorCode.INVALID_VOTER,
      message:
        'Invalid voter binding "voters.notAFunction" on C.prototype.m: ' +
        'expected an authorizer function, got "Allow"',
    });
  });

  it('rejects a tagged binding that is not a function', async () => {
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    app.bind('voters.object').to({}).tag(AuthorizationTags.AUTHORIZER);
    await expect(
      invokeAs(app, new OrderController(), 'cancelOrder'),
    ).to.be.rejectedWith({code: AuthorizationErrorCode.INVALID_VOTER});
  });

  const INVALID_OPTIONS: [string, object, RegExp][] = [
    [
      'an Abstain default',
      {defaultDecision: 'Abstain'},
      /"defaultDecision" must be "Allow" or "Deny", got "Abstain"/,
    ],
    [
      'a lower-case precedence',
      {precedence: 'allow'},
      /"precedence" must be "Allow" or "Deny", got "allow"/,
    ],
    [
      'a success status for denials',
      {defaultStatusCodeForDeny: 200},
      /"defaultStatusCodeForDeny" must be an HTTP error status \(400-599\), got number 200/,
    ],
    [
      'malformed defaultMetadata',
      {defaultMetadata: {allowedRoles: 'ADMIN'}},
      /Invalid @authorize metadata on the "defaultMetadata" option: "allowedRoles"/,
    ],
    [
      'a negative voterTimeout',
      {voterTimeout: -1},
      /"voterTimeout" must be a positive number of milliseconds up to 2147483647, got number -1/,
    ],
    [
      'a 200 status for anonymous denials',
      {anonymousDenial: {statusCode: 200}},
      /"anonymousDenial.statusCode" must be an HTTP error status/,
    ],
    [
      'a challenge with a line break',
      {anonymousDenial: {wwwAuthenticate: 'Bearer\r\nSet-Cookie: a=b'}},
      /"anonymousDenial.wwwAuthenticate" must be a printable header value/,
    ],
  ];
  for (const [what, options, message] of INVALID_OPTIONS) {
    it(`rejects ${what} in the options`, async () => {
      const app = givenAuthorizationApp(options);
      bindTaggedVoters(app, [givenVoter('allows', ALLOW)]);
      await expect(
        invokeAs(app, new OrderController(), 'cancelOrder'),
      ).to.be.rejectedWith(message);
    });
  }

  const INVALID_USERS: [string, unknown, RegExp][] = [
    [
      'without an id',
      {name: 'Ann'},
      /\[securityId\] must be a non-empty string or a finite number, got undefined/,
    ],
    [
      'with an empty id',
      givenUser(''),
      /\[securityId\] must be a non-empty string or a finite number, got ""/,
    ],
    ['that is a string', 'ann', /expected an object, got "ann"/],
  ];
  for (const [what, user, message] of INVALID_USERS) {
    it(`stops the call for a user profile ${what}`, async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      bindTaggedVoters(app, [givenVoter('allows', ALLOW)]);
      await expect(
        invokeAs(app, new OrderController(), 'cancelOrder', user as never),
      ).to.be.rejectedWith(message);
    });
  }

  it('does not let a profile pose as another type of principal', async () => {
    const app = givenAuthorizationApp();
    const voter = givenVoter('v', DENY);
    bindTaggedVoters(app, [voter]);
    const user = givenUser('u1', {type: 'APPLICATION', name: {}});
    await expect(
      invokeAs(app, new OrderController(), 'cancelOrder', user),
    ).to.be.rejected();
    expect(voter.seen[0].principals[0]).to.containDeep({
      type: 'USER',
      name: 'u1',
    });
  });
});

// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {
  AuthorizationDecision,
  AuthorizationErrorCode,
  AuthorizationTags,
  Authorizer,
} from '../..';
import {
  givenAuthorizationApp,
  givenUser,
  givenVoter,
} from '../fixtures/authorization-app';
import {
  callDecidedByVoters,
  expectBodyNeverRuns,
  invokeVotedBy,
} from '../fixtures/bad-input-app';

const {ALLOW, DENY} = AuthorizationDecision;

describe('Failing closed (invokeMethod)', () => {
  expectBodyNeverRuns();

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
        const app = givenAuthorizationApp(
          {defaultDecision, precedence: ALLOW},
          [givenVoter('sloppy', vote)],
        );
        await expect(callDecidedByVoters(app, givenUser())).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_VOTE,
          message:
            'Invalid vote from binding "test.voters.0.sloppy" on ' +
            'OrderController.prototype.decidedByVoters: expected "Allow", ' +
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
    const app = givenAuthorizationApp({precedence: DENY}, [
      givenVoter('ok', ALLOW),
      givenVoter('bad', 'no'),
    ]);
    await expect(callDecidedByVoters(app)).to.be.rejectedWith({
      code: 'INVALID_VOTE',
    });
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

  it('names an unbound voter key and the method', async () => {
    const app = givenAuthorizationApp({defaultDecision: ALLOW});
    await expect(invokeVotedBy(app, 'voters.missing')).to.be.rejectedWith({
      code: AuthorizationErrorCode.INVALID_VOTER,
      message: 'Voter binding "voters.missing" of C.prototype.m is not bound',
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
    await expect(callDecidedByVoters(app)).to.be.rejectedWith({
      code: AuthorizationErrorCode.INVALID_VOTER,
    });
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
      const app = givenAuthorizationApp(options, [givenVoter('allows', ALLOW)]);
      await expect(callDecidedByVoters(app)).to.be.rejectedWith(message);
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
      const app = givenAuthorizationApp({defaultDecision: ALLOW}, [
        givenVoter('allows', ALLOW),
      ]);
      await expect(callDecidedByVoters(app, user as never)).to.be.rejectedWith(
        message,
      );
    });
  }

  it('does not let a profile pose as another type of principal', async () => {
    const voter = givenVoter('v', DENY);
    const app = givenAuthorizationApp(undefined, [voter]);
    const user = givenUser('u1', {type: 'APPLICATION', name: {}});
    await expect(callDecidedByVoters(app, user)).to.be.rejected();
    expect(voter.seen[0].principals[0]).to.containDeep({
      type: 'USER',
      name: 'u1',
    });
  });
});

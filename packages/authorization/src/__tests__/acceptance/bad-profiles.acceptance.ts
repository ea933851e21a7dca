// Copyright The loopback-security-monorepo authors. License: MIT.

// Malformed user profiles: each is rejected with an error that names it, or
// decided as the profile's own id says, never letting a call through by
// accident.

import {Context, invokeMethod} from '@loopback/core';
import {SecurityBindings, securityId, UserProfile} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {AuthorizationErrorCode, authorize} from '../..';
import {
  givenAuthorizationApp,
  givenBuiltinsApp,
  givenUser,
  givenVoter,
} from '../fixtures/authorization-app';
import {
  bodyRuns,
  callOrders,
  callDecidedByVoters,
  expectNoPrototypePollution,
  givenBadInputHooks,
  ORDER_OWNERS,
} from '../fixtures/bad-input-app';
import {ALLOW, DENY} from '../fixtures/decisions';

describe('Bad inputs: user profiles (invokeMethod)', () => {
  givenBadInputHooks();

  describe('user profiles', () => {
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
      ['whose [securityId] is NaN', {[securityId]: NaN}, /got number NaN/],
      [
        'whose [securityId] is Infinity',
        {[securityId]: Infinity},
        /got number Infinity/,
      ],
      [
        'whose [securityId] is -Infinity',
        {[securityId]: -Infinity},
        /got number -Infinity/,
      ],
      [
        'whose [securityId] is a bigint',
        {[securityId]: BigInt(7)},
        /got bigint 7/,
      ],
      ['whose [securityId] is null', {[securityId]: null}, /got null/],
      [
        'whose [securityId] is an object',
        {[securityId]: {id: 'root'}},
        /got object \{"id":"root"\}/,
      ],
      ['with an "id" but no [securityId]', {id: 'root'}, /got undefined/],
      ['that is an array', [], /got undefined/],
      ['that is a number', 42, /expected an object, got number 42/],
    ];
    for (const [what, user, message] of INVALID_USERS) {
      it(`stops the call for a user profile ${what}`, async () => {
        const app = givenBuiltinsApp({defaultDecision: ALLOW});
        await expect(
          callOrders(app, 'decidedByVoters', user as UserProfile),
        ).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_USER,
          statusCode: 500,
          message: message,
        });
        expect(bodyRuns.count).to.equal(0);
      });
    }

    // Applications with numeric user ids (LoopBack's own examples among
    // them) put the number itself into [securityId]
    it('accepts a finite numeric [securityId] as its decimal string', async () => {
      const app = givenBuiltinsApp();
      ORDER_OWNERS.o42 = '42';
      try {
        const user = {[securityId]: 42} as unknown as UserProfile;
        expect(await callOrders(app, 'findOrder', user, ['o42'])).to.equal(
          'order o42',
        );
        const other = {[securityId]: 4.2} as unknown as UserProfile;
        await expect(
          callOrders(app, 'findOrder', other, ['o42']),
        ).to.be.rejectedWith({statusCode: 403});
      } finally {
        delete ORDER_OWNERS.o42;
      }
    });

    // Regression: only a missing user is anonymous; '', 0 or false bound as
    // the user is a bug of the authentication step and fails loudly.
    it('stops the call for a user bound as "", 0 or false instead of treating it as anonymous', async () => {
      const app = givenBuiltinsApp({anonymousDenial: {}});
      class Signup {
        @authorize.allow('$anonymous')
        register() {
          bodyRuns.count++;
        }
      }
      for (const user of ['', 0, false]) {
        const requestCtx = new Context(app, 'request');
        requestCtx.bind(SecurityBindings.USER).to(user as never);
        await expect(
          invokeMethod(new Signup(), 'register', requestCtx),
        ).to.be.rejectedWith({code: AuthorizationErrorCode.INVALID_USER});
      }
      expect(bodyRuns.count).to.equal(0);
    });

    it("keeps the caller's own id for ownership when the profile claims another user's name", async () => {
      const app = givenBuiltinsApp();
      const mallory = givenUser('mallory', {name: 'alice', type: 'USER'});
      await expect(
        callOrders(app, 'findOrder', mallory, ['o1']),
      ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
      expect(bodyRuns.count).to.equal(0);
      const alice = givenUser('alice');
      expect(await callOrders(app, 'findOrder', alice, ['o1'])).to.equal(
        'order o1',
      );
    });

    it('gains no role from a "__proto__" key of a profile parsed from JSON', async () => {
      await expectNoAdminFrom(
        '{"__proto__": {"roles": ["ADMIN"], "role": "ADMIN"}, "name": "mallory"}',
      );
    });

    it('gains no role from a "constructor.prototype" path in a profile', async () => {
      await expectNoAdminFrom(
        '{"constructor": {"prototype": {"roles": ["ADMIN"]}}, "name": "mallory"}',
      );
    });

    it('does not let a profile pose as another type of principal', async () => {
      const voter = givenVoter('v', DENY);
      const app = givenAuthorizationApp(undefined, [voter]);
      const user = givenUser('u1', {type: 'APPLICATION', name: {}});
      await expect(callDecidedByVoters(app, user)).to.be.rejectedWith({
        statusCode: 403,
      });
      expect(bodyRuns.count).to.equal(0);
      expect(voter.seen[0].principals[0]).to.containDeep({
        type: 'USER',
        name: 'u1',
      });
    });
  });
});

/**
 * A profile parsed from JSON gains no role through a prototype path, and
 * leaks nothing into `Object.prototype`
 */
async function expectNoAdminFrom(json: string) {
  const app = givenBuiltinsApp();
  const profile = JSON.parse(json);
  profile[securityId] = 'mallory';
  await expect(callOrders(app, 'adminOnly', profile)).to.be.rejectedWith({
    message: 'Access denied',
    statusCode: 403,
  });
  expect(bodyRuns.count).to.equal(0);
  expectNoPrototypePollution();
}

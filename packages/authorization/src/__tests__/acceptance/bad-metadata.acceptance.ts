// Copyright The loopback-security-monorepo authors. License: MIT.

// Malformed options, and metadata and options from JSON with keys that
// reach an object's prototype: rejected, or kept as data, never letting a
// call skip its checks.

import {Context} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {
  AuthorizationErrorCode,
  authorize,
  getAuthorizationMetadata,
} from '../..';
import {
  givenAuthorizationApp,
  givenBuiltinsApp,
  givenUser,
  givenVoter,
  invokeAs,
} from '../fixtures/authorization-app';
import {
  bodyRuns,
  callOrders,
  callDecidedByVoters,
  captureError,
  givenBadInputHooks,
} from '../fixtures/bad-input-app';
import {ALLOW} from '../fixtures/decisions';

describe('Bad inputs: metadata and options (invokeMethod)', () => {
  givenBadInputHooks();

  describe('metadata with prototype keys', () => {
    it('rejects a "__proto__" key from JSON in @authorize when the class is defined', () => {
      const define = () => {
        class C {
          @authorize(
            JSON.parse(
              '{"__proto__": {"skip": true}, "allowedRoles": ["ADMIN"]}',
            ),
          )
          m() {}
        }
        return C;
      };
      expect(define).to.throw(
        /Invalid @authorize metadata on C.prototype.m\(\): the key "__proto__" is not allowed/,
      );
    });

    it('rejects a "__proto__" key in a second @authorize of a method', () => {
      const define = () => {
        class C {
          @authorize(JSON.parse('{"__proto__": {"skip": true}}'))
          @authorize.allow('ADMIN')
          m() {}
        }
        return C;
      };
      expect(define).to.throw(/the key "__proto__" is not allowed/);
    });

    for (const key of ['constructor', 'prototype']) {
      it(`rejects a "${key}" key in @authorize`, () => {
        expect(() => authorize({[key]: {skip: true}} as object)).to.not.throw();
        expect(() => {
          class C {
            @authorize({[key]: {skip: true}} as object)
            m() {}
          }
          return C;
        }).to.throw(new RegExp(`the key "${key}" is not allowed`));
      });
    }

    // Regression: LoopBack merges an overriding method's metadata into the
    // base's with Object.assign, where a "__proto__" key would become the
    // prototype (and an inherited `skip: true`); such keys are rejected.
    it('does not let a "__proto__" key in @authorize of an overriding method skip the base checks', async () => {
      const app = givenBuiltinsApp();
      class Base {
        @authorize.denyAll()
        cancel() {
          bodyRuns.count++;
        }
      }
      let Sub: typeof Base | undefined;
      const refused = captureError(() => {
        class S extends Base {
          @authorize(JSON.parse('{"__proto__": {"skip": true}}'))
          override cancel() {
            bodyRuns.count++;
          }
        }
        Sub = S;
      });
      await expectRefusedOrStillChecked(app, refused, Sub);
    });

    // Regression: the same through class metadata of a subclass.
    it('does not let a "__proto__" key in @authorize of a subclass skip the class checks of its base', async () => {
      const app = givenBuiltinsApp();
      @authorize.denyAll()
      class Base {
        cancel() {
          bodyRuns.count++;
        }
      }
      let Sub: typeof Base | undefined;
      const refused = captureError(() => {
        @authorize(JSON.parse('{"__proto__": {"skip": true}}'))
        class S extends Base {}
        Sub = S;
      });
      await expectRefusedOrStillChecked(app, refused, Sub);
    });
  });

  describe('options', () => {
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
        const app = givenAuthorizationApp(options, [
          givenVoter('allows', ALLOW),
        ]);
        await expect(callDecidedByVoters(app)).to.be.rejectedWith(message);
        expect(bodyRuns.count).to.equal(0);
      });
    }

    it('ignores a "__proto__" key at the top of the options from JSON', async () => {
      const options = JSON.parse(
        '{"__proto__": {"defaultDecision": "Allow", "precedence": "Allow"}}',
      );
      const app = givenAuthorizationApp(options);
      await app.start();
      await expect(
        callOrders(app, 'decidedByVoters', givenUser()),
      ).to.be.rejectedWith({message: 'Access denied'});
      expect(bodyRuns.count).to.equal(0);
    });

    it('refuses to start with a "__proto__" key in defaultMetadata from JSON', async () => {
      const options = JSON.parse(
        '{"defaultMetadata": {"__proto__": {"skip": true}}}',
      );
      const app = givenAuthorizationApp(options);
      class Undecorated {
        m() {
          bodyRuns.count++;
        }
      }
      await expect(app.start()).to.be.rejectedWith(
        /"defaultMetadata" option: the key "__proto__" is not allowed/,
      );
      await expect(
        invokeAs(app, new Undecorated(), 'm', givenUser()),
      ).to.be.rejectedWith(/the key "__proto__" is not allowed/);
      expect(bodyRuns.count).to.equal(0);
    });
  });
});

/**
 * A "__proto__" key in a subclass's @authorize is either refused when the
 * class is defined, or has no effect: the base class's checks still apply
 */
async function expectRefusedOrStillChecked(
  app: Context,
  refused: unknown,
  subclass: (new () => {cancel(): void}) | undefined,
) {
  if (refused !== undefined) {
    expect(refused).to.containDeep({
      code: AuthorizationErrorCode.INVALID_METADATA,
    });
    return;
  }
  expect(getAuthorizationMetadata(subclass!, 'cancel')?.skip).to.be.undefined();
  await expect(
    invokeAs(app, new subclass!(), 'cancel', givenUser()),
  ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
  expect(bodyRuns.count).to.equal(0);
}

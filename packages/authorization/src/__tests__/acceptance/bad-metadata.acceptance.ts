// Copyright The loopback-security-monorepo authors. License: MIT.

// Metadata and options from JSON with keys that reach an object's prototype:
// rejected, or kept as data, never letting a call skip its checks.

import {Context} from '@loopback/core';
import {expect} from '@loopback/testlab';
import {
  AuthorizationErrorCode,
  authorize,
  getAuthorizationMetadata,
} from '../..';
import {
  givenAuthorizationApp,
  givenUser,
  invokeAs,
} from '../fixtures/authorization-app';
import {
  bodyRuns,
  captureError,
  expectNoPrototypePollution,
  givenBuiltinsApp,
  orders,
} from '../fixtures/bad-input-app';

describe('Bad inputs: metadata and options with prototype keys (invokeMethod)', () => {
  beforeEach(() => (bodyRuns.count = 0));
  afterEach(expectNoPrototypePollution);

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

    it('ignores a "__proto__" key at the top of the options from JSON', async () => {
      const options = JSON.parse(
        '{"__proto__": {"defaultDecision": "Allow", "precedence": "Allow"}}',
      );
      const app = givenAuthorizationApp(options);
      await app.start();
      await expect(
        invokeAs(app, orders, 'decidedByVoters', givenUser()),
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

// Copyright The loopback-security-monorepo authors. License: MIT.

// The bad inputs of the README's "Bad inputs" table that
// fail-closed.acceptance.ts and the unit tests do not already cover. Each
// test checks what the call comes to and that the method body never ran when
// it must not; every test also checks that nothing leaked into
// `Object.prototype`.

import {BindingKey, Context, invokeMethod} from '@loopback/core';
import {get, param, RestApplication, RestBindings} from '@loopback/rest';
import {SecurityBindings, securityId, UserProfile} from '@loopback/security';
import {
  createRestAppClient,
  expect,
  givenHttpServerConfig,
} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationComponent,
  AuthorizationDecision,
  AuthorizationErrorCode,
  AuthorizationOptions,
  AuthorizationTags,
  authorize,
  Authorizer,
  BuiltinAuthorizersComponent,
  getAuthorizationMetadata,
  MAX_ROLES_PER_PRINCIPAL,
} from '../..';
import {
  bindTaggedVoters,
  givenAuthorizationApp,
  givenUser,
  givenVoter,
  invokeAs,
} from '../fixtures/authorization-app';

const {ALLOW} = AuthorizationDecision;

let bodyRuns = 0;

const ORDER_OWNERS: Record<string, string> = {o1: 'alice'};

class OrderController {
  @authorize({allowedRoles: ['ADMIN']})
  adminOnly() {
    bodyRuns++;
    return 'admin';
  }

  @authorize({resource: 'order'})
  decidedByVoters() {
    bodyRuns++;
    return 'decided';
  }

  @authorize({
    allowedRoles: ['SUPPORT'],
    ownership: {owner: async id => ORDER_OWNERS[id as string]},
  })
  findOrder(id: string) {
    bodyRuns++;
    return `order ${id}`;
  }

  @authorize({scopes: ['toString']})
  scoped() {
    bodyRuns++;
    return 'scoped';
  }
}

const orders = new OrderController();

function givenBuiltinsApp(options?: AuthorizationOptions) {
  const app = givenAuthorizationApp(options);
  app.component(BuiltinAuthorizersComponent);
  return app;
}

function delay(ms: number) {
  return new Promise<void>(resolve => setTimeout(resolve, ms));
}

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const PROBED_KEYS = [
  'roles',
  'role',
  'skip',
  'allowedRoles',
  'deniedRoles',
  'voters',
  'defaultDecision',
  'ADMIN',
];

/**
 * Nothing a test did may leak into every object
 */
function expectNoPrototypePollution() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.eql(
    PROTOTYPE_NAMES,
  );
  const probe: Record<string, unknown> = {};
  for (const key of PROBED_KEYS) expect(probe[key]).to.be.undefined();
}

describe('Bad inputs (invokeMethod)', () => {
  beforeEach(() => (bodyRuns = 0));
  afterEach(expectNoPrototypePollution);

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
        const app = givenAuthorizationApp({
          precedence: ALLOW,
          defaultDecision: ALLOW,
        });
        bindTaggedVoters(app, [givenVoter('sloppy', vote)]);
        await expect(
          invokeAs(app, orders, 'decidedByVoters', givenUser()),
        ).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_VOTE,
          statusCode: 500,
          message:
            'Invalid vote from binding "test.voters.0.sloppy" on ' +
            'OrderController.prototype.decidedByVoters: expected "Allow", ' +
            `"Deny" or "Abstain", got ${shown}`,
        });
        expect(bodyRuns).to.equal(0);
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
      const call = invokeAs(app, orders, 'decidedByVoters', givenUser());
      const state = await Promise.race([
        call.then(
          () => 'allowed',
          () => 'failed',
        ),
        delay(50).then(() => 'pending'),
      ]);
      expect(state).to.equal('pending');
      expect(bodyRuns).to.equal(0);
    });

    it('ignores an Allow that arrives after voterTimeout: the call stays failed', async () => {
      const app = givenAuthorizationApp({voterTimeout: 10});
      app
        .bind('voters.late')
        .to(() => delay(40).then(() => ALLOW))
        .tag(AuthorizationTags.AUTHORIZER);
      await expect(
        invokeAs(app, orders, 'decidedByVoters', givenUser()),
      ).to.be.rejectedWith({
        code: AuthorizationErrorCode.VOTER_TIMEOUT,
        statusCode: 503,
      });
      await delay(50);
      expect(bodyRuns).to.equal(0);
    });

    it('names the function voter of @authorize that does not decide within voterTimeout', async () => {
      const app = givenAuthorizationApp({voterTimeout: 15});
      const stuckVoter = () => new Promise(() => {});
      class C {
        @authorize({voters: [stuckVoter as unknown as Authorizer]})
        m() {
          bodyRuns++;
        }
      }
      await expect(invokeAs(app, new C(), 'm')).to.be.rejectedWith({
        code: AuthorizationErrorCode.VOTER_TIMEOUT,
        message:
          'Authorization of C.prototype.m did not finish within the 15 ms ' +
          'of voterTimeout: function stuckVoter was still pending',
      });
      expect(bodyRuns).to.equal(0);
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
      await expect(
        invokeAs(app, orders, 'decidedByVoters', givenUser()),
      ).to.be.rejectedWith({
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
      expect(
        await invokeAs(app, orders, 'decidedByVoters', givenUser()),
      ).to.equal('decided');
    });
  });

  describe('voter bindings', () => {
    it('names an unbound BindingKey voter and the method', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      class C {
        @authorize({voters: [BindingKey.create<Authorizer>('voters.nowhere')]})
        m() {
          bodyRuns++;
        }
      }
      await expect(invokeAs(app, new C(), 'm')).to.be.rejectedWith({
        code: AuthorizationErrorCode.INVALID_VOTER,
        message: 'Voter binding "voters.nowhere" of C.prototype.m is not bound',
      });
      expect(bodyRuns).to.equal(0);
    });

    it('stops the call with the error of a tagged voter that fails to resolve', async () => {
      const app = givenAuthorizationApp({defaultDecision: ALLOW});
      app
        .bind('voters.broken')
        .toDynamicValue(() => {
          throw new Error('cannot build the voter');
        })
        .tag(AuthorizationTags.AUTHORIZER);
      await expect(
        invokeAs(app, orders, 'decidedByVoters', givenUser()),
      ).to.be.rejectedWith('cannot build the voter');
      expect(bodyRuns).to.equal(0);
    });
  });

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
          bodyRuns++;
        }
      }
      let Sub: typeof Base | undefined;
      const refused = captureError(() => {
        class S extends Base {
          @authorize(JSON.parse('{"__proto__": {"skip": true}}'))
          override cancel() {
            bodyRuns++;
          }
        }
        Sub = S;
      });
      if (refused !== undefined) {
        expect(refused).to.containDeep({
          code: AuthorizationErrorCode.INVALID_METADATA,
        });
        return;
      }
      expect(getAuthorizationMetadata(Sub!, 'cancel')?.skip).to.be.undefined();
      await expect(
        invokeAs(app, new Sub!(), 'cancel', givenUser()),
      ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
      expect(bodyRuns).to.equal(0);
    });

    // Regression: the same through class metadata of a subclass.
    it('does not let a "__proto__" key in @authorize of a subclass skip the class checks of its base', async () => {
      const app = givenBuiltinsApp();
      @authorize.denyAll()
      class Base {
        cancel() {
          bodyRuns++;
        }
      }
      let Sub: typeof Base | undefined;
      const refused = captureError(() => {
        @authorize(JSON.parse('{"__proto__": {"skip": true}}'))
        class S extends Base {}
        Sub = S;
      });
      if (refused !== undefined) {
        expect(refused).to.containDeep({
          code: AuthorizationErrorCode.INVALID_METADATA,
        });
        return;
      }
      expect(getAuthorizationMetadata(Sub!, 'cancel')?.skip).to.be.undefined();
      await expect(
        invokeAs(app, new Sub!(), 'cancel', givenUser()),
      ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
      expect(bodyRuns).to.equal(0);
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
      expect(bodyRuns).to.equal(0);
    });

    it('refuses to start with a "__proto__" key in defaultMetadata from JSON', async () => {
      const options = JSON.parse(
        '{"defaultMetadata": {"__proto__": {"skip": true}}}',
      );
      const app = givenAuthorizationApp(options);
      class Undecorated {
        m() {
          bodyRuns++;
        }
      }
      await expect(app.start()).to.be.rejectedWith(
        /"defaultMetadata" option: the key "__proto__" is not allowed/,
      );
      await expect(
        invokeAs(app, new Undecorated(), 'm', givenUser()),
      ).to.be.rejectedWith(/the key "__proto__" is not allowed/);
      expect(bodyRuns).to.equal(0);
    });
  });

  describe('user profiles', () => {
    const MORE_INVALID_USERS: [string, unknown, RegExp][] = [
      ['whose [securityId] is a number', {[securityId]: 42}, /got number 42/],
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
    for (const [what, user, message] of MORE_INVALID_USERS) {
      it(`stops the call for a user profile ${what}`, async () => {
        const app = givenBuiltinsApp({defaultDecision: ALLOW});
        await expect(
          invokeAs(app, orders, 'decidedByVoters', user as UserProfile),
        ).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_USER,
          statusCode: 500,
          message: message,
        });
        expect(bodyRuns).to.equal(0);
      });
    }

    // Regression: only a missing user is anonymous; '', 0 or false bound as
    // the user is a bug of the authentication step and fails loudly.
    it('stops the call for a user bound as "", 0 or false instead of treating it as anonymous', async () => {
      const app = givenBuiltinsApp({anonymousDenial: {}});
      class Signup {
        @authorize.allow('$anonymous')
        register() {
          bodyRuns++;
        }
      }
      for (const user of ['', 0, false]) {
        const requestCtx = new Context(app, 'request');
        requestCtx.bind(SecurityBindings.USER).to(user as never);
        await expect(
          invokeMethod(new Signup(), 'register', requestCtx),
        ).to.be.rejectedWith({code: AuthorizationErrorCode.INVALID_USER});
      }
      expect(bodyRuns).to.equal(0);
    });

    it("keeps the caller's own id for ownership when the profile claims another user's name", async () => {
      const app = givenBuiltinsApp();
      const mallory = givenUser('mallory', {name: 'alice', type: 'USER'});
      await expect(
        invokeAs(app, orders, 'findOrder', mallory, ['o1']),
      ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
      expect(bodyRuns).to.equal(0);
      const alice = givenUser('alice');
      expect(await invokeAs(app, orders, 'findOrder', alice, ['o1'])).to.equal(
        'order o1',
      );
    });

    it('gains no role from a "__proto__" key of a profile parsed from JSON', async () => {
      const app = givenBuiltinsApp();
      const profile = JSON.parse(
        '{"__proto__": {"roles": ["ADMIN"], "role": "ADMIN"}, "name": "mallory"}',
      );
      profile[securityId] = 'mallory';
      await expect(
        invokeAs(app, orders, 'adminOnly', profile),
      ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
      expect(bodyRuns).to.equal(0);
      expectNoPrototypePollution();
    });

    it('gains no role from a "constructor.prototype" path in a profile', async () => {
      const app = givenBuiltinsApp();
      const profile = JSON.parse(
        '{"constructor": {"prototype": {"roles": ["ADMIN"]}}, "name": "mallory"}',
      );
      profile[securityId] = 'mallory';
      await expect(
        invokeAs(app, orders, 'adminOnly', profile),
      ).to.be.rejectedWith({message: 'Access denied', statusCode: 403});
      expect(bodyRuns).to.equal(0);
      expectNoPrototypePollution();
    });
  });

  describe('role names and role lists', () => {
    const OBJECT_NAMES = [
      'toString',
      '__proto__',
      'hasOwnProperty',
      'constructor',
      'valueOf',
    ];

    it('matches role names such as toString or __proto__ only for callers holding them', async () => {
      const app = givenBuiltinsApp();
      class C {
        @authorize({allowedRoles: OBJECT_NAMES})
        m() {
          bodyRuns++;
          return 'ran';
        }
      }
      for (const caller of [
        undefined,
        givenUser('u'),
        givenUser('v', {roles: ['ADMIN', 'toLocaleString']}),
      ]) {
        await expect(invokeAs(app, new C(), 'm', caller)).to.be.rejectedWith({
          statusCode: 403,
        });
      }
      expect(bodyRuns).to.equal(0);
      for (const role of OBJECT_NAMES) {
        const caller = givenUser('w', {roles: [role]});
        expect(await invokeAs(app, new C(), 'm', caller)).to.equal('ran');
      }
    });

    it('does not let a caller holding toString, __proto__ or constructor match another role', async () => {
      const app = givenBuiltinsApp({roleHierarchy: {ADMIN: ['MANAGER']}});
      const caller = givenUser('u', {roles: OBJECT_NAMES});
      await expect(
        invokeAs(app, orders, 'adminOnly', caller),
      ).to.be.rejectedWith({statusCode: 403});
      expect(bodyRuns).to.equal(0);
    });

    it('matches a scope named toString only when it is granted', async () => {
      const app = givenBuiltinsApp();
      await expect(
        invokeAs(app, orders, 'scoped', givenUser('u', {scope: 'valueOf'})),
      ).to.be.rejectedWith({statusCode: 403});
      expect(bodyRuns).to.equal(0);
      expect(
        await invokeAs(
          app,
          orders,
          'scoped',
          givenUser('u', {scope: 'toString'}),
        ),
      ).to.equal('scoped');
    });

    it(`rejects a profile with more than ${MAX_ROLES_PER_PRINCIPAL} roles, body not run`, async () => {
      const app = givenBuiltinsApp({defaultDecision: ALLOW});
      const roles = Array.from(
        {length: MAX_ROLES_PER_PRINCIPAL + 1},
        (_, i) => `R${i}`,
      );
      roles.push('ADMIN');
      await expect(
        invokeAs(app, orders, 'adminOnly', givenUser('u', {roles})),
      ).to.be.rejectedWith({
        code: AuthorizationErrorCode.INVALID_USER,
        statusCode: 500,
        message: /1002 roles, more than the 1000 allowed/,
      });
      expect(bodyRuns).to.equal(0);
    });

    it(`decides correctly for a profile with exactly ${MAX_ROLES_PER_PRINCIPAL} roles`, async () => {
      const app = givenBuiltinsApp();
      const others = Array.from(
        {length: MAX_ROLES_PER_PRINCIPAL - 1},
        (_, i) => `R${i}`,
      );
      const admin = givenUser('a', {roles: [...others, 'ADMIN']});
      expect(await invokeAs(app, orders, 'adminOnly', admin)).to.equal('admin');
      const notAdmin = givenUser('b', {roles: [...others, 'ADMIN_']});
      await expect(
        invokeAs(app, orders, 'adminOnly', notAdmin),
      ).to.be.rejectedWith({statusCode: 403});
      expect(bodyRuns).to.equal(1);
    });

    it('decides correctly with 20,000 roles in allowedRoles and deniedRoles', async () => {
      const app = givenBuiltinsApp();
      const many = (prefix: string) =>
        Array.from({length: 20_000}, (_, i) => `${prefix}${i}`);
      class C {
        @authorize({allowedRoles: many('A'), deniedRoles: many('D')})
        m() {
          bodyRuns++;
          return 'ran';
        }
      }
      const callerRoles = Array.from({length: 999}, (_, i) => `X${i}`);
      const allowed = givenUser('a', {roles: [...callerRoles, 'A19999']});
      expect(await invokeAs(app, new C(), 'm', allowed)).to.equal('ran');
      const both = givenUser('b', {roles: ['A0', 'D19999']});
      await expect(invokeAs(app, new C(), 'm', both)).to.be.rejectedWith({
        statusCode: 403,
      });
      const neither = givenUser('c', {roles: [...callerRoles, 'A20000']});
      await expect(invokeAs(app, new C(), 'm', neither)).to.be.rejectedWith({
        statusCode: 403,
      });
      expect(bodyRuns).to.equal(1);
    });
  });

  describe('role hierarchies', () => {
    it('refuses to start with a long cycle in the hierarchy, naming it', async () => {
      const app = givenBuiltinsApp({
        roleHierarchy: {
          R0: ['R1'],
          R1: ['R2'],
          R2: ['R3'],
          R3: ['R4'],
          R4: ['R0'],
        },
      });
      await expect(app.start()).to.be.rejectedWith({
        code: AuthorizationErrorCode.INVALID_OPTIONS,
        message:
          'Invalid role hierarchy: cycle R0 -> R1 -> R2 -> R3 -> R4 -> R0',
      });
    });

    it('fails every call, body not run, once a running application is given a cyclic hierarchy', async () => {
      const app = givenBuiltinsApp({roleHierarchy: {ADMIN: ['USER']}});
      await app.start();
      const admin = givenUser('a', {roles: ['ADMIN']});
      expect(await invokeAs(app, orders, 'adminOnly', admin)).to.equal('admin');
      app.configure(AuthorizationBindings.COMPONENT).to({
        defaultDecision: ALLOW,
        roleHierarchy: {ADMIN: ['USER'], USER: ['ADMIN']},
      });
      class Undecorated {
        m() {
          bodyRuns++;
        }
      }
      for (const call of [
        () => invokeAs(app, orders, 'adminOnly', admin),
        () => invokeAs(app, new Undecorated(), 'm'),
      ]) {
        await expect(call()).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_OPTIONS,
          message: /cycle (ADMIN -> USER -> ADMIN|USER -> ADMIN -> USER)/,
        });
      }
      expect(bodyRuns).to.equal(1);
    });

    it('expands a "__proto__" key of a hierarchy from JSON only for callers holding that role', async () => {
      const app = givenBuiltinsApp({
        roleHierarchy: JSON.parse(
          '{"__proto__": ["ADMIN"], "constructor": ["ADMIN"], "GUEST": []}',
        ),
      });
      await app.start();
      for (const roles of [['GUEST'], ['toString'], []]) {
        await expect(
          invokeAs(app, orders, 'adminOnly', givenUser('g', {roles})),
        ).to.be.rejectedWith({statusCode: 403});
      }
      expect(bodyRuns).to.equal(0);
      for (const role of ['__proto__', 'constructor']) {
        const caller = givenUser('p', {roles: [role]});
        expect(await invokeAs(app, orders, 'adminOnly', caller)).to.equal(
          'admin',
        );
      }
    });
  });
});

describe('Bad inputs over HTTP', () => {
  class SlowController {
    @authorize({resource: 'report'})
    @get('/report')
    report(@param.header.string('x-user') _user?: string) {
      bodyRuns++;
      return {report: 'ready'};
    }
  }

  let app: RestApplication;
  afterEach(() => app?.stop());

  it('answers 503 without details when a voter does not decide within voterTimeout', async () => {
    bodyRuns = 0;
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
    expect(bodyRuns).to.equal(0);
  });
});

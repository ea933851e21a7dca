// Copyright The loopback-security-monorepo authors. License: MIT.

// Odd role names, huge role lists and cyclic role hierarchies: each is
// rejected with an error that names it, or decided correctly, never letting
// a call through by accident.

import {Context} from '@loopback/core';
import {UserProfile} from '@loopback/security';
import {expect} from '@loopback/testlab';
import {
  AuthorizationBindings,
  AuthorizationErrorCode,
  authorize,
  MAX_ROLES_PER_PRINCIPAL,
} from '../..';
import {
  givenBuiltinsApp,
  givenUser,
  invokeAs,
} from '../fixtures/authorization-app';
import {
  bodyRuns,
  callOrders,
  givenBadInputHooks,
} from '../fixtures/bad-input-app';
import {ALLOW} from '../fixtures/decisions';

/**
 * Checks that `caller` is denied `orders.adminOnly`
 */
async function expectNotAdmin(app: Context, caller: UserProfile) {
  await expect(callOrders(app, 'adminOnly', caller)).to.be.rejectedWith({
    statusCode: 403,
  });
}

describe('Bad inputs: roles and role hierarchies (invokeMethod)', () => {
  givenBadInputHooks();

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
          bodyRuns.count++;
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
      expect(bodyRuns.count).to.equal(0);
      for (const role of OBJECT_NAMES) {
        const caller = givenUser('w', {roles: [role]});
        expect(await invokeAs(app, new C(), 'm', caller)).to.equal('ran');
      }
    });

    it('does not let a caller holding toString, __proto__ or constructor match another role', async () => {
      const app = givenBuiltinsApp({roleHierarchy: {ADMIN: ['MANAGER']}});
      const caller = givenUser('u', {roles: OBJECT_NAMES});
      await expectNotAdmin(app, caller);
      expect(bodyRuns.count).to.equal(0);
    });

    it('matches a scope named toString only when it is granted', async () => {
      const app = givenBuiltinsApp();
      await expect(
        callOrders(app, 'scoped', givenUser('u', {scope: 'valueOf'})),
      ).to.be.rejectedWith({statusCode: 403});
      expect(bodyRuns.count).to.equal(0);
      expect(
        await callOrders(app, 'scoped', givenUser('u', {scope: 'toString'})),
      ).to.equal('scoped');
    });

    it(`rejects a profile with more than ${MAX_ROLES_PER_PRINCIPAL} roles, body not run`, async () => {
      const app = givenBuiltinsApp({defaultDecision: ALLOW});
      const roles = numberedRoles(MAX_ROLES_PER_PRINCIPAL + 1, 'R');
      roles.push('ADMIN');
      await expect(
        callOrders(app, 'adminOnly', givenUser('u', {roles})),
      ).to.be.rejectedWith({
        code: AuthorizationErrorCode.INVALID_USER,
        statusCode: 500,
        message: /1002 roles, more than the 1000 allowed/,
      });
      expect(bodyRuns.count).to.equal(0);
    });

    it(`decides correctly for a profile with exactly ${MAX_ROLES_PER_PRINCIPAL} roles`, async () => {
      const app = givenBuiltinsApp();
      const others = numberedRoles(MAX_ROLES_PER_PRINCIPAL - 1, 'R');
      const admin = givenUser('a', {roles: [...others, 'ADMIN']});
      expect(await callOrders(app, 'adminOnly', admin)).to.equal('admin');
      const notAdmin = givenUser('b', {roles: [...others, 'ADMIN_']});
      await expectNotAdmin(app, notAdmin);
      expect(bodyRuns.count).to.equal(1);
    });

    it('decides correctly with 20,000 roles in allowedRoles and deniedRoles', async () => {
      const app = givenBuiltinsApp();
      const many = (prefix: string) => numberedRoles(20_000, prefix);
      class C {
        @authorize({allowedRoles: many('A'), deniedRoles: many('D')})
        m() {
          bodyRuns.count++;
          return 'ran';
        }
      }
      const callerRoles = numberedRoles(999, 'X');
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
      expect(bodyRuns.count).to.equal(1);
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
      expect(await callOrders(app, 'adminOnly', admin)).to.equal('admin');
      app.configure(AuthorizationBindings.COMPONENT).to({
        defaultDecision: ALLOW,
        roleHierarchy: {ADMIN: ['USER'], USER: ['ADMIN']},
      });
      class Undecorated {
        m() {
          bodyRuns.count++;
        }
      }
      for (const call of [
        () => callOrders(app, 'adminOnly', admin),
        () => invokeAs(app, new Undecorated(), 'm'),
      ]) {
        await expect(call()).to.be.rejectedWith({
          code: AuthorizationErrorCode.INVALID_OPTIONS,
          message: /cycle (ADMIN -> USER -> ADMIN|USER -> ADMIN -> USER)/,
        });
      }
      expect(bodyRuns.count).to.equal(1);
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
          callOrders(app, 'adminOnly', givenUser('g', {roles})),
        ).to.be.rejectedWith({statusCode: 403});
      }
      expect(bodyRuns.count).to.equal(0);
      for (const role of ['__proto__', 'constructor']) {
        const caller = givenUser('p', {roles: [role]});
        expect(await callOrders(app, 'adminOnly', caller)).to.equal('admin');
      }
    });
  });
});

/**
 * `count` role names: `<prefix>0`, `<prefix>1`, ...
 */
function numberedRoles(count: number, prefix: string): string[] {
  return Array.from({length: count}, (_, i) => `${prefix}${i}`);
}

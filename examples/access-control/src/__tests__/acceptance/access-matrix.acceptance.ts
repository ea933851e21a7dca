// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {AccessControlBindings} from '../../keys';
import {Order} from '../../models';
import {DEMO_USERS} from '../../observers/demo-data.observer';
import {givenAuditLines} from '../fixtures/audit-lines';
import {
  authHeader,
  Caller,
  CallerName,
  Callers,
  CALLERS,
  givenCallers,
  passwordOf,
} from '../fixtures/callers';
import {expectDenied} from '../fixtures/denial-expectations';
import {givenRunningApp} from '../fixtures/running-app';
import {givenAliceOrder} from '../fixtures/shop-data';
import {decodePayload} from '../fixtures/signed-tokens';

type Res = Awaited<ReturnType<Client['get']>>;

/**
 * What a row of the table needs beyond the caller
 */
interface Fixture {
  order?: Order;
  email?: string;
  count?: number;
}

/**
 * One route of the table: the controller method, the expected status for
 * each caller, how to call it, and what to check when it is allowed or
 * denied
 */
interface RouteScenario {
  /** `Class.prototype.method`; none when authorization is skipped */
  method?: string;
  expected: Record<CallerName, number>;
  prepare?(): Promise<Fixture>;
  send(caller: Caller, fixture: Fixture): Promise<Res>;
  checkAllowed(res: Res, caller: Caller, fixture: Fixture): Promise<void>;
  checkDenied?(caller: Caller, fixture: Fixture): Promise<void>;
}

/**
 * Expected statuses, one column a caller: anonymous, alice (a customer who
 * owns the order), bob (another customer), service, admin. A denied
 * anonymous caller gets 401 (authenticate first), a denied user 403.
 */
function statuses(
  anonymous: number,
  alice: number,
  bob: number,
  service: number,
  admin: number,
): Record<CallerName, number> {
  return {anonymous, alice, bob, service, admin};
}

describe('Access matrix: every route for every caller', () => {
  let app: AccessControlApplication;
  let client: Client;
  let callers: Callers;
  let auditLines: string[];

  before(async () => {
    ({app, client} = await givenRunningApp());
    auditLines = givenAuditLines(app);
    callers = await givenCallers(app, client);
  });
  after(async () => {
    await app?.stop();
  });

  const demoUser = (caller: Caller) =>
    DEMO_USERS.find(u => u.username === caller.name)!;
  const orders = () => app.get(AccessControlBindings.ORDER_REPOSITORY);
  const users = () => app.get(AccessControlBindings.USER_REPOSITORY);

  const ROUTES: Record<string, RouteScenario> = {
    'GET /ping': {
      expected: statuses(200, 200, 200, 200, 200),
      send: caller => client.get('/ping').set(authHeader(caller)),
      async checkAllowed(res) {
        expect(res.body.greeting).to.equal('pong');
        expect(Date.parse(res.body.date)).to.be.approximately(Date.now(), 6e4);
      },
    },
    'POST /users/login (as alice)': {
      method: 'UserController.prototype.login',
      expected: statuses(200, 200, 200, 200, 200),
      send: caller =>
        client
          .post('/users/login')
          .set(authHeader(caller))
          .send({username: 'alice', password: passwordOf('alice')}),
      async checkAllowed(res) {
        expect(Object.keys(res.body)).to.deepEqual(['token']);
        expect(decodePayload(res.body.token)).to.containDeep({
          sub: callers.alice.id,
          name: 'Alice',
          roles: ['CUSTOMER'],
        });
      },
    },
    'GET /whoami': {
      method: 'UserController.prototype.whoAmI',
      expected: statuses(401, 200, 200, 200, 200),
      send: caller => client.get('/whoami').set(authHeader(caller)),
      async checkAllowed(res, caller) {
        const {name, roles} = demoUser(caller);
        expect(res.body).to.deepEqual({id: caller.id, name, roles});
      },
    },
    'GET /number-of-views': {
      method: 'ViewsController.prototype.numberOfViews',
      expected: statuses(401, 403, 403, 403, 200),
      send: caller => client.get('/number-of-views').set(authHeader(caller)),
      async checkAllowed(res) {
        const counter = app.getSync(AccessControlBindings.VIEW_COUNTER);
        expect(res.body).to.deepEqual({views: counter.views});
      },
    },
    'POST /orders': {
      method: 'OrderController.prototype.createOrder',
      expected: statuses(401, 201, 201, 201, 201),
      prepare: async () => ({count: (await (await orders()).count()).count}),
      send: caller =>
        client
          .post('/orders')
          .set(authHeader(caller))
          .send({description: `Order of ${caller.name}`, total: 5}),
      async checkAllowed(res, caller) {
        expect(res.body).to.containDeep({
          ownerId: caller.id,
          description: `Order of ${caller.name}`,
          total: 5,
          status: 'placed',
        });
        expect(res.headers.location).to.equal(`/orders/${res.body.id}`);
        const stored = await (await orders()).findById(res.body.id);
        expect(stored.toJSON()).to.deepEqual(res.body);
      },
      async checkDenied(caller, {count}) {
        expect((await (await orders()).count()).count).to.equal(count);
      },
    },
    'GET /orders/{id} (an order of alice)': {
      method: 'OrderController.prototype.findOrderById',
      // bob passes the door (customers may read orders) but not this order,
      // which answers as if it did not exist
      expected: statuses(401, 200, 404, 200, 200),
      prepare: async () => ({order: await givenAliceOrder(app)}),
      send: (caller, {order}) =>
        client.get(`/orders/${order!.id}`).set(authHeader(caller)),
      async checkAllowed(res, caller, {order}) {
        if (res.status === 404) {
          expect(res.body.error.code).to.equal('ENTITY_NOT_FOUND');
          return;
        }
        expect(res.body).to.deepEqual(order!.toJSON());
      },
    },
    'DELETE /orders/{id} (an order of alice)': {
      method: 'OrderController.prototype.cancelOrder',
      expected: statuses(401, 403, 403, 200, 403),
      prepare: async () => ({order: await givenAliceOrder(app)}),
      send: (caller, {order}) =>
        client.delete(`/orders/${order!.id}`).set(authHeader(caller)),
      async checkAllowed(res, caller, {order}) {
        expect(res.body).to.deepEqual({
          ...order!.toJSON(),
          status: 'cancelled',
        });
        const stored = await (await orders()).findById(order!.id);
        expect(stored.status).to.equal('cancelled');
      },
      async checkDenied(caller, {order}) {
        const stored = await (await orders()).findById(order!.id);
        expect(stored.status).to.equal('placed');
      },
    },
    'PATCH /users/{id}/email (the user alice)': {
      method: 'UserController.prototype.changeEmail',
      expected: statuses(401, 200, 403, 403, 200),
      prepare: async () => ({
        email: (await (await users()).findById(callers.alice.id)).email,
      }),
      send: caller =>
        client
          .patch(`/users/${callers.alice.id}/email`)
          .set(authHeader(caller))
          .send({email: `set-by-${caller.name}@example.com`}),
      async checkAllowed(res, caller) {
        expect(res.body).to.deepEqual({
          id: callers.alice.id,
          username: 'alice',
          name: 'Alice',
          email: `set-by-${caller.name}@example.com`,
          roles: ['CUSTOMER'],
        });
        const stored = await (await users()).findById(callers.alice.id);
        expect(stored.email).to.equal(`set-by-${caller.name}@example.com`);
      },
      async checkDenied(caller, {email}) {
        const stored = await (await users()).findById(callers.alice.id);
        expect(stored.email).to.equal(email);
      },
    },
  };

  for (const [route, scenario] of Object.entries(ROUTES)) {
    describe(route, () => {
      for (const name of CALLERS) {
        const status = scenario.expected[name];
        const denied = status === 401 || status === 403;
        it(`${denied ? 'denies' : 'allows'} ${name} (${status})`, async () => {
          const caller = callers[name];
          const fixture = (await scenario.prepare?.()) ?? {};
          const linesBefore = auditLines.length;
          const res = await scenario.send(caller, fixture);
          expect(res.status).to.equal(status);
          if (denied) {
            expectDenied(res, caller);
            await scenario.checkDenied?.(caller, fixture);
          } else {
            await scenario.checkAllowed(res, caller, fixture);
          }
          // One audit line per decision; none where authorization is skipped
          const lines = auditLines.slice(linesBefore);
          if (scenario.method === undefined) {
            expect(lines).to.deepEqual([]);
          } else {
            expect(lines).to.have.length(1);
            const decision = denied ? 'Deny' : 'Allow';
            const user = caller.id ?? 'anonymous';
            expect(lines[0]).to.startWith(
              `audit: ${decision} ${scenario.method} user=${user} `,
            );
          }
        });
      }
    });
  }
});

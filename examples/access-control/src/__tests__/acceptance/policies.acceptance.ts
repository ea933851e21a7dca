// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {AccessControlApplication} from '../../application';
import {AccessControlBindings} from '../../keys';
import {Order} from '../../models';
import {POLICY_FILE_RULES} from '../../observers/policy-seed.observer';
import {authHeader, CallerName, Callers, CALLERS} from '../fixtures/callers';
import {expectDenied} from '../fixtures/denial-expectations';
import {givenRunningAppWithCallers} from '../fixtures/running-app';
import {givenAliceOrder} from '../fixtures/shop-data';

const NOTE = 'Customer called twice';

describe('Policy rules: the order routes and the admin API', () => {
  let app: AccessControlApplication;
  let client: Client;
  let callers: Callers;
  let order: Order;

  before(async () => {
    ({app, client, callers} = await givenRunningAppWithCallers());
  });
  beforeEach(async () => {
    // Only the demo orders, one of them with a note
    const orders = await app.get(AccessControlBindings.ORDER_REPOSITORY);
    await orders.deleteAll({description: {nin: ['A blue teapot']}});
    order = await givenAliceOrder(app);
    await orders.updateById(order.id, {internalNote: NOTE});
  });
  after(() => app?.stop());

  const allOrders = async () =>
    (await app.get(AccessControlBindings.ORDER_REPOSITORY)).find();
  const get = (name: CallerName, path: string) =>
    client.get(path).set(authHeader(callers[name]));
  const list = (name: CallerName, filter: object) =>
    get(name, `/orders?filter=${encodeURIComponent(JSON.stringify(filter))}`);
  const patch = (name: CallerName, body: object, id = order.id) =>
    client.patch(`/orders/${id}`).set(authHeader(callers[name])).send(body);

  describe('GET /orders', () => {
    const expected: Record<CallerName, number> = {
      anonymous: 401,
      alice: 200,
      bob: 200,
      service: 200,
      admin: 200,
    };
    for (const name of CALLERS) {
      it(`answers ${expected[name]} to ${name}, with what ${name} may see`, async () => {
        const res = await get(name, '/orders');
        expect(res.status).to.equal(expected[name]);
        if (res.status === 401) return expectDenied(res, callers[name]);
        const all = await allOrders();
        const visible =
          name === 'alice' || name === 'bob'
            ? all.filter(o => o.ownerId === callers[name].id)
            : all;
        expect(res.body.map((o: Order) => o.id).sort()).to.deepEqual(
          visible.map(o => o.id).sort(),
        );
        const notes = res.body.filter((o: Order) => 'internalNote' in o);
        expect(notes.length > 0).to.equal(name === 'service');
      });
    }

    it('only narrows with a filter naming another owner', async () => {
      const filter = {where: {or: [{ownerId: callers.bob.id}, {total: 9.5}]}};
      const res = await list('alice', filter).expect(200);
      expect(res.body.map((o: Order) => o.id)).to.deepEqual([order.id]);
    });

    for (const [what, filter, part] of [
      ['a where on the note', {where: {internalNote: NOTE}}, 'where'],
      ['fields with the note', {fields: {internalNote: true}}, 'fields'],
      ['an order by the note', {order: ['internalNote ASC']}, 'order'],
    ] as const) {
      it(`answers 403 naming the note to a customer's filter with ${what}`, async () => {
        const res = await list('alice', filter).expect(403);
        expect(res.body.error).to.containDeep({
          code: 'FORBIDDEN_FILTER',
          message: `Forbidden: may not use property "internalNote" of Order in "${part}"`,
        });
      });
    }

    for (const sort of ['total ASC,internalNote DESC', 'total, internalNote']) {
      it(`answers 403 to an admin's order by the note after a comma: "${sort}"`, async () => {
        const filter = {order: [sort]};
        const res = await list('admin', filter).expect(403);
        expect(res.body.error).to.containDeep({
          code: 'FORBIDDEN_FILTER',
          message:
            'Forbidden: may not use property "internalNote" of Order in "order"',
        });
      });
    }

    it('answers 400 naming the part to a where with a null condition', async () => {
      const filter = {where: {and: [{total: 9.5}, null]}};
      const res = await list('admin', filter).expect(400);
      expect(res.body.error).to.containDeep({
        code: 'INVALID_POLICY_FILTER',
        message: 'Invalid filter: "where.and[1]" must be an object, got null',
      });
    });

    it('lets customer service filter on the note', async () => {
      const filter = {where: {internalNote: NOTE}};
      const res = await list('service', filter).expect(200);
      expect(res.body.map((o: Order) => o.id)).to.deepEqual([order.id]);
    });
  });

  describe('GET /orders/count', () => {
    for (const name of CALLERS) {
      it(`counts what ${name} may see`, async () => {
        const res = await get(name, '/orders/count');
        if (name === 'anonymous') return expectDenied(res, callers[name]);
        expect(res.status).to.equal(200);
        const all = await allOrders();
        const mine = all.filter(o => o.ownerId === callers[name].id);
        const customer = name === 'alice' || name === 'bob';
        expect(res.body).to.deepEqual({
          count: customer ? mine.length : all.length,
        });
      });
    }
  });

  describe('GET /orders/{id}: the internal note', () => {
    for (const name of ['alice', 'service', 'admin'] as const) {
      const sees = name === 'service';
      it(`is ${sees ? 'shown to' : 'hidden from'} ${name}`, async () => {
        const res = await get(name, `/orders/${order.id}`).expect(200);
        expect(res.body.internalNote).to.equal(sees ? NOTE : undefined);
        expect(res.body.description).to.equal(order.description);
      });
    }
  });

  describe('PATCH /orders/{id} (the placed order of alice)', () => {
    const expected: Record<CallerName, number> = {
      anonymous: 401,
      alice: 200,
      bob: 404,
      service: 200,
      admin: 403,
    };
    for (const name of CALLERS) {
      it(`answers ${expected[name]} to ${name} changing the description`, async () => {
        const res = await patch(name, {description: `By ${name}`});
        expect(res.status).to.equal(expected[name]);
        const stored = (await allOrders()).find(o => o.id === order.id)!;
        if (res.status === 200) {
          expect(res.body.description).to.equal(`By ${name}`);
          expect(stored.description).to.equal(`By ${name}`);
        } else {
          expect(stored.description).to.equal(order.description);
          if (res.status !== 404) expectDenied(res, callers[name]);
        }
      });
    }

    for (const body of [{internalNote: 'mine'}, {total: 0}, {ownerId: 'x'}]) {
      const [property] = Object.keys(body);
      it(`answers alice 403 naming "${property}" when she writes it`, async () => {
        const res = await patch('alice', {description: 'x', ...body});
        expect(res.status).to.equal(403);
        expect(res.body.error).to.containDeep({
          code: 'FORBIDDEN_PROPERTY',
          message: `Forbidden: may not write property "${property}" of Order`,
        });
        const stored = (await allOrders()).find(o => o.id === order.id)!;
        expect(stored.description).to.equal(order.description);
      });
    }

    it('lets customer service write the note', async () => {
      const res = await patch('service', {internalNote: 'Resolved'}).expect(
        200,
      );
      expect(res.body.internalNote).to.equal('Resolved');
    });

    it('answers alice 403 on her own cancelled order', async () => {
      await client
        .delete(`/orders/${order.id}`)
        .set(authHeader(callers.service))
        .expect(200);
      const res = await patch('alice', {description: 'Too late'}).expect(403);
      expect(res.body.error.code).to.equal('FORBIDDEN');
    });
  });

  describe('the admin API', () => {
    const RULE = {
      effect: 'allow',
      resource: 'Order',
      actions: ['read'],
      subjects: ['principal:BOB'],
      description: 'bob reads every order',
    };
    const bobRule = () => ({
      ...RULE,
      subjects: [`principal:${callers.bob.id}`],
    });

    for (const name of CALLERS) {
      const status = {anonymous: 401, admin: 200}[name as string] ?? 403;
      it(`answers ${status} to ${name} listing the rules`, async () => {
        const res = await get(name, '/policies');
        expect(res.status).to.equal(status);
        if (status !== 200) return expectDenied(res, callers[name]);
        expect(res.body.map((r: {id: string}) => r.id)).to.containDeep(
          POLICY_FILE_RULES.map(r => r.id),
        );
      });

      it(`answers ${status === 200 ? 201 : status} to ${name} adding a rule`, async () => {
        const before = (await get('admin', '/policies')).body.length;
        const res = await client
          .post('/policies')
          .set(authHeader(callers[name]))
          .send(bobRule());
        const after = (await get('admin', '/policies')).body;
        if (status !== 200) {
          expectDenied(res, callers[name]);
          expect(after).to.have.length(before);
          return;
        }
        expect(res.status).to.equal(201);
        expect(res.body).to.containDeep(bobRule());
        expect(res.body.id).to.be.a.String();
        expect(res.headers.location).to.equal(`/policies/${res.body.id}`);
        expect(after).to.containDeep([res.body]);
        await client
          .delete(`/policies/${res.body.id}`)
          .set(authHeader(callers.admin))
          .expect(204);
      });

      it(`answers ${status === 200 ? 204 : status} to ${name} removing a rule`, async () => {
        const created = await client
          .post('/policies')
          .set(authHeader(callers.admin))
          .send(bobRule())
          .expect(201);
        const res = await client
          .delete(`/policies/${created.body.id}`)
          .set(authHeader(callers[name]));
        const ids = (await get('admin', '/policies')).body.map(
          (r: {id: string}) => r.id,
        );
        if (status !== 200) {
          expectDenied(res, callers[name]);
          expect(ids).to.containEql(created.body.id);
          await client
            .delete(`/policies/${created.body.id}`)
            .set(authHeader(callers.admin))
            .expect(204);
          return;
        }
        expect(res.status).to.equal(204);
        expect(ids).to.not.containEql(created.body.id);
      });
    }

    it('answers 404 to removing a rule that does not exist', async () => {
      await client
        .delete('/policies/no-such-rule')
        .set(authHeader(callers.admin))
        .expect(404);
    });

    for (const [what, rule, message] of [
      [
        'an unknown operator',
        {where: {total: {like: '%'}}},
        /where.total.like: "like" is refused/,
      ],
      [
        'an unknown property',
        {fields: ['secret']},
        /fields\[0\]: "secret" is not a property of Order/,
      ],
      [
        'an unknown resource',
        {resource: 'Invoice'},
        /resource: unknown resource type "Invoice"/,
      ],
      [
        'an empty subject',
        {subjects: ['']},
        /subjects\[0\]: expected a non-empty string/,
      ],
    ] as const) {
      it(`answers 422 to a rule with ${what}, naming the part`, async () => {
        const before = (await get('admin', '/policies')).body.length;
        const res = await client
          .post('/policies')
          .set(authHeader(callers.admin))
          .send({...RULE, ...rule})
          .expect(422);
        expect(res.body.error.code).to.equal('INVALID_POLICY_RULE');
        expect(res.body.error.message).to.startWith(
          'Invalid policy rule (new): ',
        );
        expect(res.body.error.message).to.match(message);
        expect((await get('admin', '/policies')).body).to.have.length(before);
      });
    }

    it('makes a new rule take effect on the next request, and its removal', async () => {
      const count = () =>
        get('bob', '/orders/count').then(res => res.body.count as number);
      const own = await count();
      const created = await client
        .post('/policies')
        .set(authHeader(callers.admin))
        .send(bobRule())
        .expect(201);
      expect(await count()).to.equal((await allOrders()).length);
      await client
        .delete(`/policies/${created.body.id}`)
        .set(authHeader(callers.admin))
        .expect(204);
      expect(await count()).to.equal(own);
    });

    it('makes a deny rule win on the next request', async () => {
      const created = await client
        .post('/policies')
        .set(authHeader(callers.admin))
        .send({
          effect: 'deny',
          resource: 'Order',
          actions: ['read'],
          subjects: ['CUSTOMER'],
          where: {total: {lt: 10}},
        })
        .expect(201);
      const res = await get('alice', '/orders').expect(200);
      expect(res.body.every((o: Order) => o.total >= 10)).to.be.true();
      await get('alice', `/orders/${order.id}`).expect(404);
      await client
        .delete(`/policies/${created.body.id}`)
        .set(authHeader(callers.admin))
        .expect(204);
      await get('alice', `/orders/${order.id}`).expect(200);
    });
  });
});

// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {AccessControlBindings} from '../../keys';
import {authHeader} from '../fixtures/callers';
import {
  expectAccessDenied,
  expectDenied,
} from '../fixtures/denial-expectations';
import {givenRunningShop} from '../fixtures/running-app';
import {givenAliceOrder, MISSING_ID} from '../fixtures/shop-data';

describe('Orders', () => {
  const shop = givenRunningShop();

  const orderCount = async () =>
    (await (await shop.app.get(AccessControlBindings.ORDER_REPOSITORY)).count())
      .count;

  describe('the demo data', () => {
    it('gives alice two orders', async () => {
      const orders = await shop.app.get(AccessControlBindings.ORDER_REPOSITORY);
      const mine = await orders.find({where: {ownerId: shop.callers.alice.id}});
      expect(mine.map(o => o.description).sort()).to.deepEqual([
        'A blue teapot',
        'Three lavender soaps',
      ]);
    });
  });

  describe('an order that does not exist', () => {
    for (const name of ['service', 'admin'] as const) {
      it(`is a 404 for ${name}, who may read any order`, async () => {
        const res = await shop.client
          .get(`/orders/${MISSING_ID}`)
          .set(authHeader(shop.callers[name]))
          .expect(404);
        expect(res.body.error).to.containDeep({
          statusCode: 404,
          code: 'ENTITY_NOT_FOUND',
        });
      });
    }

    for (const [name, status] of [
      ['alice', 404],
      ['bob', 404],
      ['anonymous', 401],
    ] as const) {
      it(`is the same ${status} as another's order for ${name}`, async () => {
        const missing = await shop.client
          .get(`/orders/${MISSING_ID}`)
          .set(authHeader(shop.callers[name]));
        expect(missing.status).to.equal(status);
        if (status === 401) expectDenied(missing, shop.callers[name]);
        const other = await givenAliceOrder(shop.app);
        await shop.app
          .get(AccessControlBindings.ORDER_REPOSITORY)
          .then(repo => repo.updateById(other.id, {ownerId: 'somebody'}));
        const someoneElses = await shop.client
          .get(`/orders/${other.id}`)
          .set(authHeader(shop.callers[name]));
        expect(someoneElses.status).to.equal(missing.status);
        expect(someoneElses.headers['www-authenticate']).to.equal(
          missing.headers['www-authenticate'],
        );
        // The same answer, but for the id the message names
        expect(
          JSON.stringify(someoneElses.body).replace(other.id, MISSING_ID),
        ).to.equal(JSON.stringify(missing.body));
      });
    }

    it('is a 404 for service when cancelling, a 403 for alice', async () => {
      await shop.client
        .delete(`/orders/${MISSING_ID}`)
        .set(authHeader(shop.callers.service))
        .expect(404);
      const res = await shop.client
        .delete(`/orders/${MISSING_ID}`)
        .set(authHeader(shop.callers.alice));
      expectAccessDenied(res);
    });
  });

  describe('POST /orders', () => {
    it('can be read back from its Location by its owner', async () => {
      const created = await shop.client
        .post('/orders')
        .set(authHeader(shop.callers.bob))
        .send({description: 'Socks', total: 0})
        .expect(201);
      const res = await shop.client
        .get(created.headers.location)
        .set(authHeader(shop.callers.bob))
        .expect(200);
      expect(res.body).to.deepEqual(created.body);
      expect(res.body.ownerId).to.equal(shop.callers.bob.id);
    });

    for (const [what, body] of [
      ['an ownerId (nobody orders for another)', {ownerId: 'x'}],
      ['a status', {status: 'cancelled'}],
      ['an id', {id: 'chosen-id'}],
    ] as const) {
      it(`rejects a body with ${what} (422)`, async () => {
        const before = await orderCount();
        const res = await shop.client
          .post('/orders')
          .set(authHeader(shop.callers.bob))
          .send({description: 'Socks', total: 3, ...body})
          .expect(422);
        expect(res.body.error.details).to.containDeep([
          {code: 'additionalProperties'},
        ]);
        expect(await orderCount()).to.equal(before);
      });
    }

    for (const [what, body, code] of [
      ['no description', {total: 3}, 'required'],
      ['an empty description', {description: '', total: 3}, 'minLength'],
      ['a negative total', {description: 'Socks', total: -1}, 'minimum'],
      ['a string total', {description: 'Socks', total: '3'}, 'type'],
    ] as const) {
      it(`rejects ${what} (422)`, async () => {
        const before = await orderCount();
        const res = await shop.client
          .post('/orders')
          .set(authHeader(shop.callers.alice))
          .send(body)
          .expect(422);
        expect(res.body.error).to.containDeep({
          statusCode: 422,
          code: 'VALIDATION_FAILED',
          details: [{code}],
        });
        expect(await orderCount()).to.equal(before);
      });
    }
  });

  describe('DELETE /orders/{id}', () => {
    it('keeps the order, cancelled, and can be repeated', async () => {
      const order = await givenAliceOrder(shop.app);
      for (let i = 0; i < 2; i++) {
        const res = await shop.client
          .delete(`/orders/${order.id}`)
          .set(authHeader(shop.callers.service))
          .expect(200);
        expect(res.body).to.containDeep({id: order.id, status: 'cancelled'});
      }
      const res = await shop.client
        .get(`/orders/${order.id}`)
        .set(authHeader(shop.callers.alice))
        .expect(200);
      expect(res.body.status).to.equal('cancelled');
    });
  });

  describe('GET /number-of-views', () => {
    it('counts the orders shown, not the denied or missing ones', async () => {
      const views = async () =>
        (
          await shop.client
            .get('/number-of-views')
            .set(authHeader(shop.callers.admin))
            .expect(200)
        ).body.views;
      const order = await givenAliceOrder(shop.app);
      const start = await views();
      await shop.client
        .get(`/orders/${order.id}`)
        .set(authHeader(shop.callers.alice))
        .expect(200);
      await shop.client
        .get(`/orders/${order.id}`)
        .set(authHeader(shop.callers.service))
        .expect(200);
      await shop.client
        .get(`/orders/${order.id}`)
        .set(authHeader(shop.callers.bob))
        .expect(404);
      await shop.client
        .get(`/orders/${MISSING_ID}`)
        .set(authHeader(shop.callers.admin))
        .expect(404);
      expect(await views()).to.equal(start + 2);
    });
  });
});

// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {AccessControlBindings} from '../../keys';
import {authHeader} from '../fixtures/callers';
import {
  expectAccessDenied,
  expectAuthenticationRequired,
} from '../fixtures/denial-expectations';
import {givenRunningShop} from '../fixtures/running-app';
import {MISSING_ID} from '../fixtures/shop-data';

describe('PATCH /users/{id}/email', () => {
  const shop = givenRunningShop();

  const emailOf = async (id: string) =>
    (
      await (
        await shop.app.get(AccessControlBindings.USER_REPOSITORY)
      ).findById(id)
    ).email;

  it('lets bob change his own email, and never returns the hash', async () => {
    const res = await shop.client
      .patch(`/users/${shop.callers.bob.id}/email`)
      .set(authHeader(shop.callers.bob))
      .send({email: 'bob@example.org'})
      .expect(200);
    expect(res.body).to.containDeep({
      id: shop.callers.bob.id,
      email: 'bob@example.org',
    });
    expect(res.text).not.to.match(/passwordHash/);
    expect(await emailOf(shop.callers.bob.id)).to.equal('bob@example.org');
  });

  it("denies bob alice's email", async () => {
    const before = await emailOf(shop.callers.alice.id);
    const res = await shop.client
      .patch(`/users/${shop.callers.alice.id}/email`)
      .set(authHeader(shop.callers.bob))
      .send({email: 'bob@example.org'});
    expectAccessDenied(res);
    expect(await emailOf(shop.callers.alice.id)).to.equal(before);
  });

  it('is a 404 for an admin on a user that does not exist', async () => {
    const res = await shop.client
      .patch(`/users/${MISSING_ID}/email`)
      .set(authHeader(shop.callers.admin))
      .send({email: 'ghost@example.org'})
      .expect(404);
    expect(res.body.error.code).to.equal('ENTITY_NOT_FOUND');
  });

  for (const name of ['alice', 'service'] as const) {
    it(`is the 403 of someone else's user for ${name} on a missing user`, async () => {
      const missing = await shop.client
        .patch(`/users/${MISSING_ID}/email`)
        .set(authHeader(shop.callers[name]))
        .send({email: 'ghost@example.org'});
      expectAccessDenied(missing);
      const someoneElse = await shop.client
        .patch(`/users/${shop.callers.bob.id}/email`)
        .set(authHeader(shop.callers[name]))
        .send({email: 'ghost@example.org'});
      expect(someoneElse.body).to.deepEqual(missing.body);
    });
  }

  it('is a 401 for an anonymous caller, whether the user exists or not', async () => {
    for (const id of [MISSING_ID, shop.callers.alice.id]) {
      const res = await shop.client
        .patch(`/users/${id}/email`)
        .send({email: 'ghost@example.org'});
      expectAuthenticationRequired(res);
    }
  });

  it('lets an admin change the email of any user', async () => {
    await shop.client
      .patch(`/users/${shop.callers.bob.id}/email`)
      .set(authHeader(shop.callers.admin))
      .send({email: 'bob@shop.example.org'})
      .expect(200);
    expect(await emailOf(shop.callers.bob.id)).to.equal('bob@shop.example.org');
  });

  for (const [what, body, code] of [
    ['an invalid address', {email: 'not-an-email'}, 'format'],
    ['no address', {}, 'required'],
    [
      'an extra property',
      {email: 'a@example.org', roles: ['ADMIN']},
      'additionalProperties',
    ],
  ] as const) {
    it(`rejects ${what} (422) and changes nothing`, async () => {
      const before = await emailOf(shop.callers.alice.id);
      const res = await shop.client
        .patch(`/users/${shop.callers.alice.id}/email`)
        .set(authHeader(shop.callers.alice))
        .send(body)
        .expect(422);
      expect(res.body.error.details).to.containDeep([{code}]);
      expect(await emailOf(shop.callers.alice.id)).to.equal(before);
    });
  }
});

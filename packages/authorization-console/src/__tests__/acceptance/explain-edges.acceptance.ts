// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {Explanation} from '../..';
import {
  as,
  ConsoleTestApp,
  givenConsoleApp,
  givenExplanation,
  givenRunningConsoleApp,
} from '../fixtures/console-app';
import {CALLS} from '../fixtures/console-controllers';
import {rawRequest} from '../fixtures/raw-request';

describe('POST /authorization/explain: what a real request gets at the edges', () => {
  const shop = givenRunningConsoleApp();
  beforeEach(() => shop.app.reset());

  function explain(body: object): Promise<Explanation> {
    return givenExplanation(shop.client, body);
  }

  describe('a path the router cannot decode', () => {
    const path = '/notes/%E0%A4%A';

    it('answers 400 MALFORMED_PATH naming route.path, not 500', async () => {
      const logged = shop.app.loggedErrors.length;
      const res = await shop.client
        .post('/authorization/explain')
        .set(as('admin'))
        .send({subject: {user: {id: 'alice'}}, route: {verb: 'GET', path}})
        .expect(400);
      expect(res.body.error).to.containDeep({
        code: 'MALFORMED_PATH',
        details: [{path: 'route.path'}],
      });
      const errors = shop.app.loggedErrors.slice(logged);
      expect(errors.filter(e => e.startsWith('5'))).to.be.empty();
    });

    it('is one a real request fails on in the router, before any method', async () => {
      const real = await rawRequest(shop.app, {
        verb: 'GET',
        path,
        user: 'alice',
      });
      // LoopBack answers the router's URIError with 500; an application
      // may map it to 400 (the example does): never a decision
      expect(real.status).to.equal(500);
      expect(shop.app.loggedErrors.pop()).to.match(/URI malformed/);
      expect(CALLS.count).to.equal(0);
    });

    it('says authorization never sees a malformed path no route matches, as the real 404', async () => {
      const odd = '/nowhere/%E0%A4%A';
      const e = await explain({subject: {}, route: {verb: 'GET', path: odd}});
      expect(e.decidedBy.kind).to.equal('notController');
      const real = await rawRequest(shop.app, {verb: 'GET', path: odd});
      expect(real.status).to.equal(404);
    });
  });

  describe('paths as the router matches them', () => {
    for (const [path, user, status, routed] of [
      ['/x/../me', 'alice', 404, false],
      ['/./me', 'alice', 404, false],
      ['//me', undefined, 401, true],
      ['///me', 'alice', 404, false],
      ['//notes/n1', 'alice', 200, true],
      ['/notes//n1', 'bob', 404, true],
      ['/notes/n1/', 'alice', 200, true],
      ['/notes/%6E1', 'bob', 404, true],
      ['/me#fragment', 'alice', 200, true],
    ] as const) {
      it(`matches ${path} as the REST server does (${status})`, async () => {
        const e = await explain({
          subject: user === undefined ? {} : {user: {id: user}},
          route: {verb: 'GET', path},
        });
        const real = await rawRequest(shop.app, {verb: 'GET', path, user});
        expect(real.status).to.equal(status);
        expect(e.decidedBy.kind === 'notController').to.equal(!routed);
        if (routed) expect(e.status ?? 200).to.equal(status);
      });
    }

    it('parses the query string with the server parser (qs): nested keys', async () => {
      const e = await explain({
        subject: {user: {id: 'alice'}},
        route: {verb: 'GET', path: '/notes?filter[where][title]=x'},
      });
      expect(e.decision).to.equal('Allow');
      expect(e.notes.join(' ')).to.match(/query parameter filter/);
    });
  });

  describe('a deleted user', () => {
    beforeEach(() => shop.app.deletedUsers.add('alice'));

    it('is refused 401 by authentication, as the real request is', async () => {
      const e = await explain({
        subject: {user: {id: 'alice'}},
        route: {verb: 'GET', path: '/me'},
      });
      expect(e).to.containDeep({
        decision: 'Deny',
        status: 401,
        decidedBy: {kind: 'authentication'},
        user: {id: 'alice'},
      });
      const real = await rawRequest(shop.app, {
        verb: 'GET',
        path: '/me',
        user: 'alice',
      });
      expect(real.status).to.equal(401);
    });

    it('is refused whatever roles a what-if supposes, and for a question about a resource', async () => {
      const whatIf = await explain({
        subject: {user: {id: 'alice', roles: ['ADMIN']}},
        route: {verb: 'GET', path: '/stats'},
      });
      expect(whatIf).to.containDeep({status: 401, votes: []});
      const question = await explain({
        subject: {user: {id: 'alice'}},
        resource: 'Note',
        action: 'read',
      });
      expect(question).to.containDeep({status: 401});
      expect(question.policy).to.be.undefined();
    });
  });

  describe('a filter in the query string', () => {
    const path =
      '/notes?filter=' + encodeURIComponent('{"where":{"secret":"s"}}');

    it('is named in a note, with the refusal the guarded repository gives it', async () => {
      const e = await explain({
        subject: {user: {id: 'alice'}},
        route: {verb: 'GET', path},
      });
      expect(e.decision).to.equal('Allow');
      expect(e.policy?.fields.readable).to.not.containEql('secret');
      expect(e.notes.join(' ')).to.match(
        /query parameter filter .*FORBIDDEN_FILTER/,
      );
      const real = await rawRequest(shop.app, {
        verb: 'GET',
        path,
        user: 'alice',
      });
      expect(real.status).to.equal(403);
      expect(JSON.parse(real.body).error.code).to.equal('FORBIDDEN_FILTER');
    });

    it('adds no note to a request without one', async () => {
      const e = await explain({
        subject: {user: {id: 'alice'}},
        route: {verb: 'GET', path: '/notes'},
      });
      expect(e.notes.join(' ')).to.not.match(/query parameter/);
    });
  });
});

describe('POST /authorization/explain: the repository of an instance, changed between two explanations', () => {
  let app: ConsoleTestApp;
  let client: Client;

  beforeEach(async () => {
    ({app, client} = await givenConsoleApp());
  });
  afterEach(() => app?.stop());

  // An unguarded repository of notes in which bob owns every note
  const bobsNotes = {
    entityClass: {modelName: 'Note'},
    findById: async (id: unknown) => ({
      toJSON: () => ({id, ownerId: 'bob', title: 'Of bob', status: 'draft'}),
    }),
  };
  const bobReadsN1 = {
    subject: {user: {id: 'bob'}},
    route: {verb: 'GET', path: '/notes/n1'},
  };

  async function givenInstanceCheckedOnce(): Promise<void> {
    const e = await givenExplanation(client, bobReadsN1);
    expect(e.policy?.instance).to.containDeep({exists: true, allowed: false});
  }

  it('does not read through a repository the rules guard now, bound at the key found before', async () => {
    await givenInstanceCheckedOnce();
    app.bind('repositories.BobsNotes').to(bobsNotes).tag('repository');
    app
      .bind('repositories.NoteRepository')
      .to({
        entityClass: {modelName: 'Note'},
        policyGuard: () => {},
        findById: async () => {
          throw new Error('read through the guard');
        },
      })
      .tag('repository');
    const e = await givenExplanation(client, bobReadsN1);
    expect(e.policy?.instance).to.containDeep({exists: true, allowed: true});
  });

  it('finds another repository when the one found before is unbound', async () => {
    await givenInstanceCheckedOnce();
    app.unbind('repositories.NoteRepository');
    app.bind('repositories.BobsNotes').to(bobsNotes).tag('repository');
    const e = await givenExplanation(client, bobReadsN1);
    expect(e.policy?.instance).to.containDeep({exists: true, allowed: true});
  });
});

// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationTags} from '@loopback/authorization';
import {expect} from '@loopback/testlab';
import {AuthorizationConsoleBindings, Explanation} from '../..';
import {
  as,
  givenExplanation,
  givenRunningConsoleApp,
} from '../fixtures/console-app';
import {CALLS} from '../fixtures/console-controllers';
import {NoteRepository} from '../fixtures/notes';

describe('POST /authorization/explain', () => {
  const shop = givenRunningConsoleApp();
  beforeEach(() => shop.app.reset());

  function explain(body: object): Promise<Explanation> {
    return givenExplanation(shop.client, body);
  }

  it('names the voter that allows an admin, with every vote', async () => {
    const e = await explain({
      subject: {user: {id: 'dave'}},
      route: {verb: 'GET', path: '/stats'},
    });
    expect(e.decision).to.equal('Allow');
    expect(e.status).to.be.undefined();
    expect(e.decidedBy).to.containDeep({
      kind: 'vote',
      voter: 'binding "authorization.authorizers.roles"',
    });
    expect(e.votes[e.decidedBy.voteIndex!].decision).to.equal('Allow');
    expect(e.roles).to.eql(['ADMIN', 'EDITOR']);
    expect(e.route).to.containDeep({
      verb: 'GET',
      path: '/stats',
      controller: 'RoleRoutesController',
      method: 'stats',
      rules: {allowedRoles: ['ADMIN']},
    });
  });

  it('says a reader is denied 403 by the default decision', async () => {
    const e = await explain({
      subject: {user: {id: 'alice'}},
      route: {verb: 'GET', path: '/stats'},
    });
    expect(e).to.containDeep({
      decision: 'Deny',
      status: 403,
      decidedBy: {kind: 'default'},
      roles: ['READER'],
    });
    expect(e.votes.every(v => v.decision === 'Abstain')).to.be.true();
  });

  it('says an anonymous caller gets 401', async () => {
    const e = await explain({subject: {}, route: {verb: 'GET', path: '/me'}});
    expect(e).to.containDeep({decision: 'Deny', status: 401, roles: []});
    expect(e.user).to.be.undefined();
  });

  it('supposes the roles of a what-if, through the role hierarchy', async () => {
    const e = await explain({
      subject: {user: {id: 'alice', roles: ['ADMIN']}},
      route: {verb: 'GET', path: '/editor'},
    });
    expect(e.decision).to.equal('Allow');
    expect(e.roles).to.eql(['ADMIN', 'EDITOR']);
  });

  it("explains bob reading alice's note: the door lets him in, the instance check answers 404", async () => {
    const e = await explain({
      subject: {user: {id: 'bob'}},
      route: {verb: 'GET', path: '/notes/n1'},
    });
    expect(e).to.containDeep({decision: 'Deny', status: 404});
    expect(e.decidedBy.kind).to.equal('instance');
    expect(e.policy?.door).to.eql({allowed: true, rule: 'readers-read-own'});
    expect(e.votes.find(v => v.rule === 'readers-read-own')?.decision).to.equal(
      'Allow',
    );
    expect(e.policy?.instance).to.containDeep({
      id: 'n1',
      exists: true,
      allowed: false,
      status: 404,
    });
    expect(e.policy?.rules).to.containDeep([
      {id: 'readers-read-own', matches: false},
    ]);
    expect(e.policy?.filter.where).to.containDeep({and: [{ownerId: 'bob'}]});
  });

  it('names the deny rule that hides an archived note from its owner', async () => {
    const e = await explain({
      subject: {user: {id: 'alice'}},
      route: {verb: 'GET', path: '/notes/n2'},
    });
    expect(e).to.containDeep({
      decision: 'Deny',
      status: 404,
      decidedBy: {kind: 'instance', rule: 'no-archive-for-readers'},
    });
  });

  it('gives the fields an owner reads and writes', async () => {
    const e = await explain({
      subject: {user: {id: 'alice'}},
      route: {verb: 'GET', path: '/notes/n1'},
    });
    expect(e.decision).to.equal('Allow');
    expect(e.policy?.fields).to.eql({
      readable: ['id', 'ownerId', 'title', 'status'],
      writable: ['title'],
      writeAction: 'update',
    });
  });

  it('answers 403 for a write of a note the caller reads but may not change', async () => {
    const e = await explain({
      subject: {user: {id: 'carol'}},
      route: {verb: 'PATCH', path: '/notes/n3'},
    });
    expect(e).to.containDeep({
      decision: 'Deny',
      status: 403,
      decidedBy: {kind: 'instance'},
    });
    expect(e.notes.join(' ')).to.match(/request body is not checked/);
  });

  it('decides an action of its own by its rules and their condition: 403 where the condition fails', async () => {
    // carol, an editor, archives drafts only; n3 is published
    const e = await explain({
      subject: {user: {id: 'carol'}},
      route: {verb: 'POST', path: '/notes/n3/archive'},
    });
    expect(e).to.containDeep({
      decision: 'Deny',
      status: 403,
      decidedBy: {
        kind: 'instance',
        reason: 'no rule allows archive on this Note',
      },
      policy: {action: 'archive', door: {allowed: true}},
    });
    const draft = await explain({
      subject: {user: {id: 'carol'}},
      route: {verb: 'POST', path: '/notes/n4/archive'},
    });
    expect(draft).to.containDeep({
      decision: 'Allow',
      policy: {instance: {allowed: true, rule: 'editors-archive-drafts'}},
    });
  });

  it('answers 404 for an action of its own on a note the caller may act on but not read', async () => {
    // alice owns n2 (owners-archive-own), but readers do not read archived
    // notes: the guarded repository's write carries the read condition too
    const e = await explain({
      subject: {user: {id: 'alice'}},
      route: {verb: 'GET', path: '/notes/n2/export'},
    });
    expect(e).to.containDeep({
      decision: 'Deny',
      status: 404,
      decidedBy: {kind: 'instance', rule: 'no-archive-for-readers'},
    });
    await shop.client.get('/notes/n2/export').set(as('alice')).expect(404);
  });

  it('names the deny rule of an action checked without a write', async () => {
    const e = await explain({
      subject: {user: {id: 'alice'}},
      route: {verb: 'GET', path: '/notes/n1/export'},
    });
    expect(e).to.containDeep({
      decision: 'Deny',
      status: 403,
      decidedBy: {kind: 'instance', rule: 'no-export-of-drafts'},
    });
    await shop.client.get('/notes/n1/export').set(as('alice')).expect(403);
  });

  it('answers 404 for a note that does not exist', async () => {
    const e = await explain({
      subject: {user: {id: 'carol'}},
      route: {verb: 'GET', path: '/notes/nothing'},
    });
    expect(e).to.containDeep({
      decision: 'Deny',
      status: 404,
      policy: {instance: {exists: false}},
    });
  });

  it('answers the error of an instance it cannot read, not the Allow of the door', async () => {
    // The notes' database is away: the guarded repository's read of the
    // instance fails, so the request fails, whatever the door decided
    class UnreachableNoteRepository extends NoteRepository {
      override async findById(): Promise<never> {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
          code: 'ECONNREFUSED',
          statusCode: 503,
        });
      }
    }
    shop.app.repository(UnreachableNoteRepository, 'NoteRepository');
    try {
      const e = await explain({
        subject: {user: {id: 'alice'}},
        route: {verb: 'GET', path: '/notes/n3'},
      });
      expect(e).to.containDeep({
        decision: 'Deny',
        status: 503,
        decidedBy: {kind: 'error', reason: 'Note "n3" could not be read'},
        error: {statusCode: 503, code: 'ECONNREFUSED'},
      });
      expect(e.notes).to.containEql(
        'Note "n3" could not be read: connect ECONNREFUSED 127.0.0.1:5432',
      );
    } finally {
      shop.app.repository(NoteRepository);
    }
  });

  it("reports the error of a voter that fails as a 500, its message to the console's role only", async () => {
    const e = await explain({
      subject: {user: {id: 'erin'}},
      route: {verb: 'GET', path: '/flaky'},
    });
    expect(e).to.containDeep({
      decision: 'Deny',
      status: 500,
      decidedBy: {kind: 'error', reason: 'The flaky voter failed'},
    });
    // The caller of the real request gets the status, not the message
    const res = await shop.client.get('/flaky').set(as('erin')).expect(500);
    expect(JSON.stringify(res.body)).to.not.match(/flaky voter/);
  });

  it('says a skipped route is let through without a vote', async () => {
    const e = await explain({subject: {}, route: {verb: 'GET', path: '/ping'}});
    expect(e).to.containDeep({decision: 'Allow', decidedBy: {kind: 'skipped'}});
    expect(e.votes).to.be.empty();
  });

  it('says authorization never sees a path no API route matches', async () => {
    const e = await explain({subject: {}, route: {verb: 'GET', path: '/nope'}});
    expect(e.decidedBy.kind).to.equal('notController');
  });

  it('answers a question about a resource, an action and an instance', async () => {
    const e = await explain({
      subject: {user: {id: 'carol'}},
      resource: 'Note',
      action: 'update',
      instanceId: 'n1',
    });
    expect(e).to.containDeep({
      decision: 'Allow',
      decidedBy: {kind: 'rule', rule: 'editors-update-drafts'},
      roles: ['EDITOR'],
    });
    const denied = await explain({
      subject: {user: {id: 'bob'}},
      resource: 'Note',
      action: 'delete',
    });
    expect(denied).to.containDeep({
      decision: 'Deny',
      status: 403,
      decidedBy: {kind: 'noRule'},
    });
  });

  it('never runs the method, writes nothing and tells no decision listener', async () => {
    const heard: string[] = [];
    shop.app
      .bind('test.listener')
      .to(() => {
        heard.push('decision');
      })
      .tag(AuthorizationTags.DECISION_LISTENER);
    const log = await shop.app.get(AuthorizationConsoleBindings.DECISION_LOG);
    const notes = await shop.app.getRepository(NoteRepository);
    const before = {total: log.total, notes: await notes.find()};
    try {
      for (const route of [
        {verb: 'DELETE', path: '/notes/n1'},
        {verb: 'PATCH', path: '/notes/n4'},
        {verb: 'POST', path: '/notes'},
        {verb: 'GET', path: '/stats'},
      ]) {
        await explain({subject: {user: {id: 'dave'}}, route});
      }
      expect(CALLS.count).to.equal(0);
      expect(await notes.find()).to.eql(before.notes);
      // The four explain requests themselves, and nothing they explained
      expect(heard).to.have.length(4);
      expect(log.total - before.total).to.equal(4);
      const recorded = log.recent(before.total).map(d => d.record.resource);
      expect(new Set(recorded)).to.eql(
        new Set(['AuthorizationConsoleController.prototype.explain']),
      );
    } finally {
      shop.app.unbind('test.listener');
    }
  });

  it('refuses a malformed question with 422, naming the part', async () => {
    const cases: [object, string][] = [
      [{subject: {}, route: {verb: 'FETCH', path: '/x'}}, 'route.verb'],
      [{subject: {}, route: {verb: 'GET', path: 'x'}}, 'route.path'],
      [
        {subject: {user: {id: ''}}, route: {verb: 'GET', path: '/x'}},
        'subject.user.id',
      ],
      [
        {
          subject: {user: {id: 'a', roles: [1]}},
          resource: 'Note',
          action: 'read',
        },
        'subject.user.roles[0]',
      ],
      [{subject: {}, extra: 1}, 'extra'],
      [{subject: {}}, 'route'],
      [
        {subject: {}, route: {verb: 'GET', path: '/x'}, resource: 'Note'},
        'route',
      ],
      [{subject: {}, resource: 'Nothing', action: 'read'}, 'resource'],
    ];
    for (const [body, part] of cases) {
      const res = await shop.client
        .post('/authorization/explain')
        .set(as('admin'))
        .send(body)
        .expect(422);
      expect(res.body.error.details[0].path).to.equal(part);
      expect(res.body.error.code).to.equal('INVALID_EXPLAIN_REQUEST');
    }
  });

  it('is for the console role only', async () => {
    const body = {subject: {}, route: {verb: 'GET', path: '/ping'}};
    await shop.client.post('/authorization/explain').send(body).expect(401);
    await shop.client
      .post('/authorization/explain')
      .set(as('carol'))
      .send(body)
      .expect(403);
  });
});

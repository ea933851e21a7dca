// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {AuthorizationConsoleBindings, DecisionEntry} from '../..';
import {
  as,
  ConsoleTestApp,
  givenConsoleApp,
  givenPongInPlaceOfPing,
} from '../fixtures/console-app';
import {givenDecisionRecord} from '../fixtures/decision-records';
import {followStream} from '../fixtures/event-stream';
import {givenAnswerOrder} from '../fixtures/raw-request';
import {get} from 'node:http';

describe('GET /authorization/decisions', () => {
  let app: ConsoleTestApp;
  let client: Client;

  before(async () => {
    ({app, client} = await givenConsoleApp({decisionLog: {capacity: 50}}));
  });
  after(() => app?.stop());

  async function decisions(query = ''): Promise<DecisionEntry[]> {
    const res = await client
      .get(`/authorization/decisions${query}`)
      .set(as('admin'))
      .expect(200);
    return res.body;
  }

  it('lists recent decisions newest first: who, route, decision, what decided, duration, time', async () => {
    await client.get('/stats').set(as('alice')).expect(403);
    await client.get('/notes/n1').set(as('alice')).expect(200);
    const [self, read, denied] = await decisions();
    expect(self.route).to.eql({verb: 'GET', path: '/authorization/decisions'});
    expect(read).to.containDeep({
      user: {id: 'alice', name: 'Alice'},
      roles: ['READER'],
      route: {verb: 'GET', path: '/notes/{id}'},
      method: 'NoteController.prototype.findNote',
      resource: 'Note',
      action: 'read',
      decision: 'Allow',
      decidedBy: {kind: 'vote', rule: 'readers-read-own'},
    });
    expect(denied).to.containDeep({
      user: {id: 'alice'},
      route: {verb: 'GET', path: '/stats'},
      decision: 'Deny',
      decidedBy: {kind: 'default'},
    });
    expect(read.seq).to.be.greaterThan(denied.seq);
    expect(Date.parse(read.time)).to.be.approximately(Date.now(), 60_000);
    expect(read.durationMs).to.be.a.Number();
  });

  it('records anonymous callers without a user', async () => {
    await client.get('/me').expect(401);
    const [, anonymous] = await decisions();
    expect(anonymous.user).to.be.undefined();
    expect(anonymous.decision).to.equal('Deny');
  });

  it('filters by user (id or name), decision and path', async () => {
    await client.get('/stats').set(as('bob')).expect(403);
    await client.get('/me').set(as('bob')).expect(200);
    await client.get('/me').set(as('carol')).expect(200);
    const bob = await decisions('?user=bob');
    expect(bob.length).to.be.greaterThanOrEqual(2);
    expect(bob.every(e => e.user?.id === 'bob')).to.be.true();
    expect(await decisions('?user=Carol')).to.containDeep([
      {user: {id: 'carol'}},
    ]);
    const denied = await decisions('?decision=Deny&user=bob');
    expect(denied.map(e => e.route?.path)).to.containEql('/stats');
    expect(denied.every(e => e.decision === 'Deny')).to.be.true();
    const me = await decisions('?path=/me&limit=2');
    expect(me).to.have.length(2);
    expect(me.every(e => e.route?.path === '/me')).to.be.true();
  });

  it('keeps only the most recent decisions, as many as configured', async () => {
    for (let i = 0; i < 60; i++) await client.get('/public').expect(200);
    const all = await decisions('?limit=50');
    expect(all).to.have.length(50);
    expect(all[0].seq - all[49].seq).to.equal(49);
  });

  it('refuses a malformed filter with 400, naming the parameter', async () => {
    for (const [query, name] of [
      ['?decision=maybe', 'decision'],
      ['?limit=0', 'limit'],
      ['?limit=51', 'limit'],
      [`?user=${'x'.repeat(201)}`, 'user'],
      // Names of `Object.prototype` are not decisions
      ['?decision=constructor', 'decision'],
      ['?decision=__proto__', 'decision'],
      ['?decision=toString', 'decision'],
      // Digits only, as written
      ['?limit=1e1', 'limit'],
      ['?limit=0x10', 'limit'],
      ['?limit=%2010', 'limit'],
      ['?limit=10.0', 'limit'],
      ['?limit=%2B5', 'limit'],
    ]) {
      const res = await client
        .get(`/authorization/decisions${query}`)
        .set(as('admin'))
        .expect(400);
      expect(res.body.error.details[0].path).to.equal(name);
    }
  });

  it('names the route of a controller bound in place of another with as many routes', async () => {
    const other = await givenConsoleApp();
    try {
      const named = async (method: string) => {
        const res = await other.client
          .get('/authorization/decisions')
          .set(as('admin'))
          .expect(200);
        return (res.body as DecisionEntry[]).find(e => e.method === method);
      };
      // The routes are read once, before the controller changes
      expect(await named('PongController.prototype.pong')).to.be.undefined();
      await givenPongInPlaceOfPing(other.app, other.client);
      expect((await named('PongController.prototype.pong'))?.route).to.eql({
        verb: 'GET',
        path: '/pong',
      });
    } finally {
      await other.app.stop();
    }
  });

  it('is for the console role only', async () => {
    await client.get('/authorization/decisions').expect(401);
    await client.get('/authorization/decisions').set(as('carol')).expect(403);
    await client
      .get('/authorization/decisions/stream')
      .set(as('carol'))
      .expect(403);
  });
});

describe('GET /authorization/decisions, a full log', () => {
  let app: ConsoleTestApp;

  before(async () => {
    ({app} = await givenConsoleApp({decisionLog: {capacity: 100_000}}));
  });
  after(() => app?.stop());

  it('answers other requests while it reads the whole log for a filter that matches nothing', async () => {
    const {answered, request} = givenAnswerOrder(app);
    // The ping is sent once the walk has begun: when it reads a record
    let ping: Promise<void> | undefined;
    const record = givenDecisionRecord(() => {
      ping ??= request('/ping', 'ping');
      return 'FixtureController.prototype.method';
    });
    const log = await app.get(AuthorizationConsoleBindings.DECISION_LOG);
    for (let i = 0; i < log.capacity; i++) log.add(record);
    await request('/authorization/decisions?user=nobody', 'decisions');
    await ping;
    expect(answered).to.eql(['ping', 'decisions']);
  });
});

describe('GET /authorization/decisions/stream', () => {
  let app: ConsoleTestApp;
  let client: Client;

  before(async () => {
    ({app, client} = await givenConsoleApp({
      decisionLog: {maxSubscribers: 2},
    }));
  });
  after(() => app?.stop());

  it('sends each new decision as a Server-Sent Event, filtered', async () => {
    const stream = await followStream(app, '?user=bob', 'admin');
    try {
      expect(stream.contentType).to.match(/^text\/event-stream/);
      await client.get('/me').set(as('alice')).expect(200);
      await client.get('/stats').set(as('bob')).expect(403);
      const event = await stream.next();
      expect(event.event).to.equal('decision');
      const entry: DecisionEntry = JSON.parse(event.data);
      expect(entry).to.containDeep({
        user: {id: 'bob'},
        route: {verb: 'GET', path: '/stats'},
        decision: 'Deny',
      });
      expect(event.id).to.equal(String(entry.seq));
    } finally {
      stream.close();
    }
  });

  it('answers 503 past the configured number of clients', async () => {
    const first = await followStream(app, '', 'admin');
    const second = await followStream(app, '', 'admin');
    try {
      const res = await client
        .get('/authorization/decisions/stream')
        .set(as('admin'))
        .expect(503);
      expect(res.body.error.message).to.equal(
        'At most 2 clients may follow the decision log',
      );
    } finally {
      first.close();
      second.close();
    }
    // A client that leaves makes room
    await new Promise(resolve => setTimeout(resolve, 50));
    const third = await followStream(app, '', 'admin');
    third.close();
  });

  it('ends its streams when the application stops, which then stops', async () => {
    const other = await givenConsoleApp();
    const stream = await followStream(other.app, '', 'admin');
    await other.app.stop();
    await stream.ended;
  });

  it('stops promptly when a stream is asked for while it stops, answering it 503', async () => {
    // Authentication takes 300 ms: the stream's request is still being
    // authenticated when the application starts to stop
    const other = await givenConsoleApp({}, {authenticationMs: 300});
    const {port} = new URL(other.app.restServer.url!);
    const answered = new Promise<number | undefined>((resolve, reject) => {
      const request = get(
        {
          host: '127.0.0.1',
          port,
          path: '/authorization/decisions/stream',
          headers: as('admin'),
        },
        response => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      request.on('error', reject);
    });
    await new Promise(resolve => setTimeout(resolve, 50));
    const stopped = other.app.stop().then(() => 'stopped');
    // A generous bound: before the fix the stop waited for the client
    const late = new Promise(resolve => setTimeout(resolve, 3000, 'late'));
    expect(await Promise.race([stopped, late])).to.equal('stopped');
    expect(await answered).to.equal(503);
  });

  it('checks the filter before it streams', async () => {
    for (const decision of ['x', 'constructor', '__proto__']) {
      await client
        .get(`/authorization/decisions/stream?decision=${decision}`)
        .set(as('admin'))
        .expect(400);
    }
  });
});

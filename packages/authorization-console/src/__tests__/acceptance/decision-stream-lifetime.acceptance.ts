// Copyright The loopback-security-monorepo authors. License: MIT.

import {eventually} from '@loopback/authorization-postgres/testing';
import {expect} from '@loopback/testlab';
import {once} from 'node:events';
import {connect} from 'node:net';
import {AuthorizationConsoleBindings} from '../..';
import {
  as,
  ConsoleTestApp,
  givenRunningConsoleApp,
} from '../fixtures/console-app';
import {followStream} from '../fixtures/event-stream';

/**
 * Ask for the stream over a raw socket as the fixture's admin, and leave
 * after `delayMs`: before, while or just after the request is decided
 */
async function leaveEarly(app: ConsoleTestApp, delayMs: number) {
  const {port} = new URL(app.restServer.url!);
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(
    'GET /authorization/decisions/stream HTTP/1.1\r\n' +
      'Host: 127.0.0.1\r\nAuthorization: Bearer admin\r\n\r\n',
  );
  await new Promise(resolve => setTimeout(resolve, delayMs));
  socket.destroy();
}

describe('the decision stream, over its life', () => {
  // Authentication takes 4 ms, as a token check on a database may: the
  // clients below leave before, while and after the request is decided
  const shop = givenRunningConsoleApp(
    {decisionLog: {maxSubscribers: 2, streamRecheckMs: 50}},
    {authenticationMs: 4},
  );
  beforeEach(() => shop.app.resetData());

  it('gives back the place and the subscription of a client that leaves early', async () => {
    // Five times the places there are, left at every moment of the first
    // milliseconds: the code before the fix kept one in most runs
    for (let i = 0; i < 40; i++) await leaveEarly(shop.app, i % 8);
    const log = await shop.app.get(AuthorizationConsoleBindings.DECISION_LOG);
    await eventually(() => expect(log.subscriberCount).to.equal(0), 5000);
    const first = await followStream(shop.app, '', 'admin');
    const second = await followStream(shop.app, '', 'admin');
    try {
      expect(log.subscriberCount).to.equal(2);
    } finally {
      first.close();
      second.close();
    }
  });

  it('ends the stream of a client whose console role is removed, saying why', async () => {
    const stream = await followStream(shop.app, '', 'dave');
    try {
      shop.app.memoryRoles.roles.set('dave', ['READER']);
      const event = await stream.next();
      expect(event.event).to.equal('closed');
      expect(JSON.parse(event.data).reason).to.match(/may no longer follow/);
      await stream.ended;
    } finally {
      stream.close();
    }
    await shop.client
      .get('/authorization/decisions/stream')
      .set(as('dave'))
      .expect(403);
  });

  it('ends the stream of a user who is gone, whose roles are still mapped', async () => {
    const stream = await followStream(shop.app, '', 'dave');
    try {
      // Deleted as authentication sees it: a new request is refused (401),
      // while the role mapper still gives the user the console's role
      shop.app.deletedUsers.add('dave');
      await shop.client
        .get('/authorization/session')
        .set(as('dave'))
        .expect(401);
      const event = await stream.next();
      expect(event.event).to.equal('closed');
      expect(JSON.parse(event.data).reason).to.match(/may no longer follow/);
      await stream.ended;
    } finally {
      stream.close();
    }
  });
});

describe('the decision stream, past its longest life', () => {
  const shop = givenRunningConsoleApp({decisionLog: {streamMaxAgeMs: 100}});

  it('ends, saying why, so that the client reconnects through authentication', async () => {
    const stream = await followStream(shop.app, '', 'admin');
    try {
      const event = await stream.next();
      expect(event.event).to.equal('closed');
      expect(JSON.parse(event.data).reason).to.match(/longest life/);
      await stream.ended;
    } finally {
      stream.close();
    }
  });
});

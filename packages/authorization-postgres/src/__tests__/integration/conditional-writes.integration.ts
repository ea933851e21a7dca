// Copyright The loopback-security-monorepo authors. License: MIT.

// A conditional write puts the rules' condition in the statement that
// writes: while another process flips the condition of a ticket back and
// forth, a guarded replacement never lands on the ticket while the rules
// refuse it. A trigger records every write that reached a locked ticket.

import {
  Entity,
  juggler,
  model,
  property,
  DefaultCrudRepository,
} from '@loopback/repository';
import {
  PolicyCaller,
  PolicyEngine,
  PolicyRepositoryMixin,
  resourceFromModel,
} from '@loopback/authorization-policy';
import {expect} from '@loopback/testlab';
import {ChildProcess, fork} from 'node:child_process';
import {once} from 'node:events';
import path from 'node:path';
import {Client} from 'pg';
import {givenTestDatabase, TestDatabase} from '../../testing';

@model({name: 'ticket', settings: {strict: true}})
class Ticket extends Entity {
  @property({type: 'string', id: true})
  id!: string;

  @property({type: 'string'})
  owner?: string;

  @property({type: 'string'})
  status?: string;

  @property({type: 'string'})
  body?: string;

  constructor(data?: Partial<Ticket>) {
    super(data);
  }
}

class TicketRepository extends DefaultCrudRepository<Ticket, string> {
  constructor(dataSource: juggler.DataSource) {
    super(Ticket, dataSource);
  }
}

class GuardedTicketRepository extends PolicyRepositoryMixin<
  Ticket,
  string,
  typeof TicketRepository
>(TicketRepository, {resource: 'Ticket'}) {}

const ATTEMPTS = 300;

describe('Conditional writes on PostgreSQL, against a second process', () => {
  let db: TestDatabase;
  let dataSource: juggler.DataSource;
  let flipper: ChildProcess | undefined;
  let plain: TicketRepository;

  before(async () => {
    db = await givenTestDatabase('conditional');
    dataSource = new juggler.DataSource({
      name: 'conditional',
      connector: 'postgresql',
      url: db.url,
    });
    // The repository attaches the model to the datasource
    plain = new TicketRepository(dataSource);
    await dataSource.automigrate(['ticket']);
    await sql(`
      CREATE TABLE violation (body text);
      CREATE FUNCTION record_violation() RETURNS trigger AS $$
      BEGIN
        IF OLD.status = 'locked' AND NEW.body IS DISTINCT FROM OLD.body THEN
          INSERT INTO violation VALUES (NEW.body);
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER ticket_guard BEFORE UPDATE ON ticket
        FOR EACH ROW EXECUTE FUNCTION record_violation();`);
  });
  after(async () => {
    flipper?.kill();
    await dataSource?.disconnect();
    await db?.drop();
  });

  it(`never writes a ticket while its condition is false (${ATTEMPTS} replacements)`, async () => {
    await plain.create({id: 't1', owner: 'ann', status: 'open', body: 'b'});
    const tickets = givenTickets({
      id: 'ann',
      roles: ['USER'],
      attributes: {id: 'ann'},
    });
    flipper = fork(path.join(__dirname, '../fixtures/status-flipper.main.js'), [
      db.url,
      't1',
    ]);
    await once(flipper, 'message');
    let written = 0;
    for (let i = 0; i < ATTEMPTS; i++) {
      try {
        await tickets.replaceById('t1', {
          owner: 'ann',
          status: 'open',
          body: `r${i}`,
        });
        written++;
      } catch (err) {
        // Refused: a ticket the caller may not read now (404), may not
        // write (403), or that changed meanwhile (409)
        const {code, statusCode} = err as {code?: string; statusCode?: number};
        if (
          code !== 'ENTITY_NOT_FOUND' &&
          statusCode !== 403 &&
          statusCode !== 409
        ) {
          throw err;
        }
      }
    }
    flipper.kill();
    const {rows} = await sql('SELECT body FROM violation');
    expect(rows).to.deepEqual([]);
    expect(written).to.be.greaterThan(0);
  }).timeout(120000);

  it('checks an update of no property without an UPDATE of no column', async () => {
    const tickets = givenTickets({
      id: 'ann',
      roles: ['USER'],
      attributes: {id: 'ann'},
    });
    await plain.create({id: 't2', owner: 'ann', status: 'open', body: 'b'});
    await plain.create({id: 't3', owner: 'bob', status: 'open', body: 'b'});
    await tickets.updateById('t2', {});
    await expect(tickets.updateById('t3', {})).to.be.rejectedWith({
      code: 'ENTITY_NOT_FOUND',
    });
  });

  /**
   * The tickets guarded for a caller: owners read and update their open
   * tickets
   */
  function givenTickets(caller: PolicyCaller) {
    const engine = new PolicyEngine([resourceFromModel(Ticket, 'Ticket')]);
    engine.upsert({
      id: 'owners-edit-open-tickets',
      effect: 'allow',
      resource: 'Ticket',
      actions: ['read', 'update'],
      subjects: ['USER'],
      where: {and: [{owner: '$user.id'}, {status: 'open'}]},
    });
    const tickets = new GuardedTicketRepository(dataSource);
    tickets.policyReader = {engine: async () => engine};
    tickets.policyCaller = async () => caller;
    return tickets;
  }

  async function sql(text: string) {
    const client = new Client({connectionString: db.url});
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  }
});

// Copyright The loopback-security-monorepo authors. License: MIT.

// Noninterference of reads on PostgreSQL: the property of
// `noninterference.acceptance.ts`, with the example in PostgreSQL mode, so
// that the rules' filter and the caller's condition run as SQL.

import {
  givenTestDatabase,
  TestDatabase,
} from '@loopback/authorization-postgres/testing';
import {expect} from '@loopback/testlab';
import {givenCallers} from '../fixtures/callers';
import {checkNoninterference} from '../fixtures/noninterference';
import {
  propertyParameters,
  runsTitle,
} from '@loopback/authorization-test-fixtures';
import {AppUnderTest, givenRunningApp} from '../fixtures/running-app';

const RUNS = 300;

describe('Noninterference of reads, on PostgreSQL', () => {
  let db: TestDatabase;
  let running: AppUnderTest;

  before(async () => {
    db = await givenTestDatabase('noninterference');
    running = await givenRunningApp({databaseUrl: db.url});
  });
  after(async () => {
    await running?.app.stop();
    await db?.drop();
  });

  it(`answers a caller alike on datasets that differ only where it may not read ${runsTitle(RUNS)}`, async () => {
    const callers = await givenCallers(running.app, running.client);
    const compared = await checkNoninterference(
      {...running, callers},
      propertyParameters(RUNS),
    );
    expect(compared).to.be.greaterThan(RUNS);
  }).timeout(600000);
});

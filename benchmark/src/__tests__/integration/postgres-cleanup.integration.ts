// Copyright The loopback-security-monorepo authors. License: MIT.

// A full benchmark run once left its embedded PostgreSQL server running and
// its data folder (some 55 MB) in the temporary directory. The run now stops
// what it starts.

import {getTestPostgres} from '@loopback/authorization-postgres/testing';
import {expect} from '@loopback/testlab';
import {Client} from 'pg';
import {DEFAULT_BENCHMARK_OPTIONS, runBenchmark} from '../..';

// With DATABASE_URL the run starts no server, so there is nothing to stop
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

describeEmbedded('A benchmark run on embedded PostgreSQL', () => {
  it('stops the server of the PostgreSQL scenarios when it ends', async () => {
    // The server the scenarios share, started here so that its address is
    // known; the run uses it and must stop it
    const server = await getTestPostgres();
    expect(server.embedded).to.be.true();
    const results = await runBenchmark({
      ...DEFAULT_BENCHMARK_OPTIONS,
      only: 'list',
      listRows: 200,
      listRounds: 1,
    });
    expect(results.list).to.have.property('rows', 200);
    const client = new Client({
      connectionString: server.url,
      connectionTimeoutMillis: 2000,
    });
    client.on('error', () => {});
    await expect(client.connect()).to.be.rejected();
  }).timeout(120000);
});

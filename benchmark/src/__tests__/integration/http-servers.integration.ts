// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {SERVER_VARIANTS} from '../../http/protocol';
import {ServerProcess} from '../../http/server-process';
import {checkServers} from '../../scenarios/http.scenario';

describe('HTTP servers', () => {
  const servers: ServerProcess[] = [];

  before(async () => {
    for (const variant of SERVER_VARIANTS) {
      servers.push(await ServerProcess.start(variant, 10));
    }
  });

  after(() => Promise.all(servers.map(server => server.stop())));

  it('run in their own processes, on 127.0.0.1', () => {
    const pids = new Set(servers.map(server => server.child.pid));
    expect(pids.size).to.equal(SERVER_VARIANTS.length);
    expect(pids.has(process.pid)).to.be.false();
    for (const server of servers) {
      expect(server.url('/hello')).to.match(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
  });

  it('authorize with a component and not without', async () => {
    expect(await checkServers(servers)).to.eql([]);
  });

  it('report the CPU time they spend during some work', async () => {
    const server = servers[0];
    const {result, cpuMicroseconds} = await server.measureCpu(async () => {
      for (let i = 0; i < 20; i++) {
        await (await fetch(server.url('/hello'))).text();
      }
      return 'done';
    });
    expect(result).to.equal('done');
    expect(cpuMicroseconds).to.be.greaterThan(0);
  });
}).timeout(60000);

// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {formatPropagation} from '../../report';

describe('report', () => {
  it('prints the propagation delays, or a clear line when skipped', () => {
    const table = formatPropagation({
      changes: 200,
      instances: 3,
      server: 'embedded',
      delays: {count: 400, median: 12.34, p99: 40.06, max: 51},
    });
    expect(table).to.match(
      /\| role change, 1 writer → 2 instances \| 400 \| 12\.3 \| 40\.1 \| 51\.0 \|/,
    );
    expect(
      formatPropagation({skipped: 'no PostgreSQL could be started'}),
    ).to.equal(
      'Propagation between instances: SKIPPED, no PostgreSQL could be started',
    );
  });
});

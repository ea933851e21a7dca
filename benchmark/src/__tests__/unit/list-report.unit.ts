// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {formatList, listTargets} from '../../list/list-report';

describe('list report', () => {
  const measured = {
    rows: 100000,
    visible: 1000,
    rounds: 7,
    pushedMs: 10,
    inAppMs: 95,
    speedup: 9.5,
    server: 'embedded' as const,
  };

  it('prints both ways and the speed-up, or a clear line when skipped', () => {
    const text = formatList(measured);
    expect(text).to.match(/pushed into the query .* \| 10\.0 ms \| 1000 \|/);
    expect(text).to.match(/Speed-up 9\.5×: 100,000 orders/);
    expect(formatList({skipped: 'no PostgreSQL could be started: x'})).to.equal(
      'Policy-filtered list on PostgreSQL: SKIPPED, no PostgreSQL could be started: x',
    );
  });

  it('checks a speed-up of at least 10, and not a skipped run', () => {
    expect(listTargets(measured)).to.containDeep([
      {value: 9.5, limit: 10, bound: 'at least', met: false},
    ]);
    expect(listTargets({...measured, speedup: 12})[0].met).to.be.true();
    expect(listTargets({skipped: 'no server'})).to.deepEqual([]);
    expect(listTargets(undefined)).to.deepEqual([]);
  });
});

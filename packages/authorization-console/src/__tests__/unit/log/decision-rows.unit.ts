// Copyright The loopback-security-monorepo authors. License: MIT.

import {AuthorizationDecision} from '@loopback/authorization';
import {expect} from '@loopback/testlab';
import {DecisionEntry} from '../../../log/decision-entry';
import {rowOfEntry, storableText} from '../../../log/decision-rows';

describe('the rows of the decision log', () => {
  it('replaces what PostgreSQL refuses in text, a NUL character and a lone surrogate, and keeps the rest', () => {
    expect(storableText('a\u0000b')).to.equal('a\uFFFDb');
    expect(storableText('\ud800x\udc00')).to.equal('\uFFFDx\uFFFD');
    // A pair is one character: kept
    expect(storableText('smile \ud83d\ude00')).to.equal('smile \ud83d\ude00');
    expect(storableText('<b>é</b>')).to.equal('<b>é</b>');
  });

  it('makes every string of a row storable, the JSON of what decided included', () => {
    const entry: DecisionEntry = {
      seq: 1,
      time: new Date(0).toISOString(),
      user: {id: 'u\u0000', name: 'n\ud800'},
      roles: ['R\u0000'],
      method: 'C.prototype.m',
      route: {verb: 'GET', path: '/x\u0000'},
      resource: 'Note\u0000',
      action: 'read\udfff',
      decision: AuthorizationDecision.DENY,
      decidedBy: {kind: 'vote', voter: 'v', reason: 'why\u0000\ud800'},
      durationMs: 1,
    };
    const row = rowOfEntry(entry, 'host:1');
    expect(row.slice(3, 11)).to.eql([
      'u\uFFFD',
      'n\uFFFD',
      ['R\uFFFD'],
      'C.prototype.m',
      'GET',
      '/x\uFFFD',
      'Note\uFFFD',
      'read\uFFFD',
    ]);
    expect(row[12]).to.equal(
      '{"kind":"vote","voter":"v","reason":"why\uFFFD\uFFFD"}',
    );
  });
});

// Copyright The loopback-security-monorepo authors. License: MIT.

import {expect} from '@loopback/testlab';
import {DecisionLog, LoggedDecision} from '../../..';
import {givenDecisionRecord} from '../../fixtures/decision-records';

const givenRecord = givenDecisionRecord;

const nextTurn = () => new Promise(resolve => setImmediate(resolve));

describe('DecisionLog', () => {
  it('keeps the most recent decisions, newest first, up to its capacity', () => {
    const log = new DecisionLog(3);
    for (const name of ['a', 'b', 'c', 'd', 'e']) log.add(givenRecord(name));
    expect(log.total).to.equal(5);
    expect(log.recent().map(d => [d.seq, d.record.resource])).to.eql([
      [5, 'e'],
      [4, 'd'],
      [3, 'c'],
    ]);
    expect(log.recent(4).map(d => d.seq)).to.eql([5]);
  });

  it('is fed by its decision listener', () => {
    const log = new DecisionLog(2);
    const record = givenRecord('a');
    expect(log.listener(record)).to.be.undefined();
    expect(log.recent()[0].record).to.equal(record);
  });

  it('keeps the record itself, frozen, and when it came', () => {
    const log = new DecisionLog(2);
    const record = givenRecord('a');
    const before = Date.now();
    log.add(record);
    const [logged] = log.recent();
    expect(logged.record).to.equal(record);
    expect(logged.time).to.be.within(before, Date.now());
  });

  it('tells subscribers on a later turn, in one batch, oldest first', async () => {
    const log = new DecisionLog(10);
    const batches: number[][] = [];
    log.subscribe(batch => batches.push(batch.map(d => d.seq)));
    log.add(givenRecord('a'));
    log.add(givenRecord('b'));
    // Nothing on the request's own turn
    expect(batches).to.eql([]);
    await nextTurn();
    expect(batches).to.eql([[1, 2]]);
  });

  it('tells a subscriber only of what came after it subscribed', async () => {
    const log = new DecisionLog(10);
    log.add(givenRecord('old'));
    const seen: LoggedDecision[] = [];
    log.subscribe(batch => seen.push(...batch));
    log.add(givenRecord('new'));
    await nextTurn();
    expect(seen.map(d => d.record.resource)).to.eql(['new']);
  });

  it('loses, for subscribers, what the ring overwrote before their turn', async () => {
    const log = new DecisionLog(2);
    const seen: number[] = [];
    log.subscribe(batch => seen.push(...batch.map(d => d.seq)));
    for (let i = 0; i < 5; i++) log.add(givenRecord(`r${i}`));
    await nextTurn();
    expect(seen).to.eql([4, 5]);
  });

  it('goes on telling the others when a subscriber throws, and stops when asked', async () => {
    const log = new DecisionLog(10);
    const seen: number[] = [];
    log.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const stop = log.subscribe(batch => seen.push(...batch.map(d => d.seq)));
    expect(() => log.add(givenRecord('a'))).to.not.throw();
    await nextTurn();
    stop();
    log.add(givenRecord('b'));
    await nextTurn();
    expect(seen).to.eql([1]);
    expect(log.subscriberCount).to.equal(1);
  });

  it('ends every subscription when it closes, and tells each', async () => {
    const log = new DecisionLog(10);
    const seen: number[] = [];
    const closed: string[] = [];
    log.subscribe(
      batch => seen.push(...batch.map(d => d.seq)),
      () => closed.push('stream'),
    );
    log.subscribe(
      () => {},
      () => {
        throw new Error('a closer that fails');
      },
    );
    log.close();
    expect(closed).to.eql(['stream']);
    expect(log.subscriberCount).to.equal(0);
    log.add(givenRecord('after'));
    await nextTurn();
    expect(seen).to.eql([]);
  });

  it('ends at once a subscriber that comes once it is closed, until it opens again', async () => {
    const log = new DecisionLog(10);
    log.close();
    const closed: string[] = [];
    const seen: number[] = [];
    log.subscribe(
      batch => seen.push(...batch.map(d => d.seq)),
      () => closed.push('late'),
    );
    expect(closed).to.eql(['late']);
    expect(log.subscriberCount).to.equal(0);
    log.add(givenRecord('closed'));
    await nextTurn();
    expect(seen).to.eql([]);
    log.open();
    log.subscribe(
      batch => seen.push(...batch.map(d => d.seq)),
      () => closed.push('again'),
    );
    log.add(givenRecord('open'));
    await nextTurn();
    expect(seen).to.eql([2]);
    expect(closed).to.eql(['late']);
  });

  it('walks the ring newest first, and ends where the ring overwrote what came next', () => {
    const log = new DecisionLog(3);
    for (const name of ['a', 'b', 'c', 'd']) log.add(givenRecord(name));
    expect([...log.newestFirst()].map(d => d.seq)).to.eql([4, 3, 2]);
    const walked: number[] = [];
    for (const logged of log.newestFirst()) {
      walked.push(logged.seq);
      // Two more while the walk pauses: 3 and 2 are gone
      if (logged.seq === 4) {
        log.add(givenRecord('e'));
        log.add(givenRecord('f'));
      }
    }
    expect(walked).to.eql([4]);
  });
});

// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {AccessMatrix, MatrixRow} from '../..';
import {as, ConsoleTestApp, givenConsoleApp} from '../fixtures/console-app';

describe('GET /authorization/matrix', () => {
  let app: ConsoleTestApp;
  let client: Client;
  let matrix: AccessMatrix;

  before(async () => {
    ({app, client} = await givenConsoleApp());
    matrix = (
      await client.get('/authorization/matrix').set(as('admin')).expect(200)
    ).body;
  });
  after(() => app?.stop());

  function row(verb: string, path: string): MatrixRow {
    const found = matrix.routes.find(r => r.verb === verb && r.path === path);
    if (!found) throw new Error(`No row ${verb} ${path}`);
    return found;
  }

  function accessOf(verb: string, path: string): Record<string, string> {
    const cells = row(verb, path).cells;
    return Object.fromEntries(
      Object.entries(cells).map(([role, cell]) => [role, cell.access]),
    );
  }

  it('has a column for each built-in role and each role the application knows', () => {
    expect(matrix.roles).to.eql([
      '$everyone',
      '$authenticated',
      '$unauthenticated',
      '$owner',
      // metadata, rules, the role store and the console's own role
      'ADMIN',
      'BANNED',
      'EDITOR',
      'READER',
    ]);
  });

  it('shows a route allowed for ADMIN only, with the voter behind each cell', () => {
    expect(accessOf('GET', '/stats')).to.eql({
      $everyone: 'denied',
      $authenticated: 'denied',
      $unauthenticated: 'denied',
      $owner: 'denied',
      ADMIN: 'allowed',
      BANNED: 'denied',
      EDITOR: 'denied',
      READER: 'denied',
    });
    expect(row('GET', '/stats').cells.ADMIN.by).to.equal(
      'binding "authorization.authorizers.roles"',
    );
    expect(row('GET', '/stats').cells.READER.by).to.match(/default decision/);
  });

  it('follows the role hierarchy: an ADMIN is an EDITOR', () => {
    expect(accessOf('GET', '/editor')).to.containDeep({
      ADMIN: 'allowed',
      EDITOR: 'allowed',
      READER: 'denied',
    });
  });

  it('lets a denied role win over $authenticated', () => {
    expect(accessOf('GET', '/forum')).to.containDeep({
      $authenticated: 'allowed',
      $unauthenticated: 'denied',
      $everyone: 'denied',
      BANNED: 'denied',
      READER: 'allowed',
    });
  });

  it('marks as conditional what a rule allows on some instances only', () => {
    const notes = row('GET', '/notes/{id}').cells;
    expect(notes.READER).to.containDeep({
      access: 'conditional',
      by: 'rule readers-read-own',
    });
    expect(notes.READER.reason).to.match(/ownerId/);
    expect(notes.EDITOR).to.containDeep({
      access: 'allowed',
      by: 'rule editors-read-all',
    });
    expect(notes.$unauthenticated.access).to.equal('denied');
  });

  it('marks the owner of an instance as conditional where ownership applies', () => {
    expect(row('GET', '/users/{id}/profile').cells.$owner).to.containDeep({
      access: 'conditional',
      by: 'ownership',
    });
  });

  it('shows public and skipped routes as allowed for everyone', () => {
    expect(new Set(Object.values(accessOf('GET', '/ping')))).to.eql(
      new Set(['allowed']),
    );
  });

  it('shows the console API open to its role only', () => {
    expect(accessOf('POST', '/authorization/explain')).to.containDeep({
      ADMIN: 'allowed',
      EDITOR: 'denied',
      $authenticated: 'denied',
    });
  });

  it('is for the console role only', async () => {
    await client.get('/authorization/matrix').expect(401);
    await client.get('/authorization/matrix').set(as('bob')).expect(403);
  });
});

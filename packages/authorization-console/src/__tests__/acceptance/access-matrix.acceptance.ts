// Copyright The loopback-security-monorepo authors. License: MIT.

import {Client, expect} from '@loopback/testlab';
import {
  AccessMatrix,
  AuthorizationConsoleBindings,
  BUILTIN_COLUMNS,
  MatrixRow,
} from '../..';
import {
  as,
  ConsoleTestApp,
  givenConsoleApp,
  givenPongInPlaceOfPing,
} from '../fixtures/console-app';
import {givenAnswerOrder} from '../fixtures/raw-request';

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

describe('GET /authorization/matrix, bounded', () => {
  let app: ConsoleTestApp;
  let client: Client;

  before(async () => {
    ({app, client} = await givenConsoleApp({matrix: {maxRoles: 6}}));
  });
  after(() => app?.stop());
  beforeEach(() => app.reset());

  async function matrixOf(query = ''): Promise<AccessMatrix> {
    const res = await client
      .get(`/authorization/matrix${query}`)
      .set(as('admin'))
      .expect(200);
    return res.body;
  }

  it('has at most `matrix.maxRoles` columns and names the roles left out', async () => {
    const matrix = await matrixOf();
    expect(matrix.roles).to.eql([...BUILTIN_COLUMNS, 'ADMIN', 'BANNED']);
    expect(matrix.omittedRoles).to.eql(['EDITOR', 'READER']);
    expect(Object.keys(matrix.routes[0].cells)).to.have.length(6);
  });

  it('shows the roles asked for, in their order', async () => {
    const matrix = await matrixOf('?roles=READER&roles=$owner&roles=NEW');
    expect(matrix.roles).to.eql(['READER', '$owner', 'NEW']);
    expect(matrix.omittedRoles).to.eql([
      '$everyone',
      '$authenticated',
      '$unauthenticated',
      'ADMIN',
      'BANNED',
      'EDITOR',
    ]);
    const stats = matrix.routes.find(r => r.path === '/stats')!;
    expect(stats.cells.READER.access).to.equal('denied');
  });

  it('refuses malformed roles with 400, naming the item', async () => {
    for (const [query, path] of [
      ['?roles=', 'roles[0]'],
      ['?roles=A&roles=A', 'roles[1]'],
      [`?roles=${'x'.repeat(101)}`, 'roles[0]'],
      ['?roles=A&roles=B&roles=C&roles=D&roles=E&roles=F&roles=G', 'roles'],
    ]) {
      const res = await client
        .get(`/authorization/matrix${query}`)
        .set(as('admin'))
        .expect(400);
      expect(res.body.error).to.containDeep({
        code: 'INVALID_MATRIX_QUERY',
        details: [{path}],
      });
    }
  });

  it('decides every cell anew: a role and a rule changed between two matrices show in the second', async () => {
    const before = await matrixOf('?roles=READER&roles=AUDITOR');
    const deleteNote = () =>
      before.routes.find(r => r.verb === 'DELETE' && r.path === '/notes/{id}')!;
    expect(deleteNote().cells.READER.access).to.equal('denied');
    const known = ({roles, omittedRoles}: AccessMatrix) => [
      ...roles,
      ...omittedRoles,
    ];
    expect(known(await matrixOf())).to.not.containEql('AUDITOR');
    await client
      .post('/authorization/policies')
      .set(as('admin'))
      .send({
        id: 'readers-delete',
        effect: 'allow',
        resource: 'Note',
        actions: ['delete'],
        subjects: ['READER'],
      })
      .expect(201);
    app.memoryRoles.roles.set('carol', ['EDITOR', 'AUDITOR']);
    const after = await matrixOf('?roles=READER&roles=AUDITOR');
    const row = after.routes.find(
      r => r.verb === 'DELETE' && r.path === '/notes/{id}',
    )!;
    expect(row.cells.READER).to.eql({
      access: 'allowed',
      by: 'rule readers-delete',
    });
    expect(known(await matrixOf())).to.containEql('AUDITOR');
  });
});

describe('GET /authorization/matrix, the routes changed', () => {
  let app: ConsoleTestApp;
  let client: Client;

  before(async () => {
    ({app, client} = await givenConsoleApp());
  });
  after(() => app?.stop());

  it('lists a controller bound in place of another with as many routes, and not the one it replaced', async () => {
    const paths = async () => {
      const res = await client
        .get('/authorization/matrix')
        .set(as('admin'))
        .expect(200);
      return (res.body as AccessMatrix).routes.map(r => `${r.verb} ${r.path}`);
    };
    expect(await paths()).to.containEql('GET /ping');
    await givenPongInPlaceOfPing(app, client);
    const after = await paths();
    expect(after).to.containEql('GET /pong');
    expect(after).to.not.containEql('GET /ping');
  });
});

describe('GET /authorization/matrix, large', () => {
  let app: ConsoleTestApp;

  before(async () => {
    ({app} = await givenConsoleApp({matrix: {maxRoles: 1000}}));
  });
  after(() => app?.stop());

  it('answers other requests while it builds', async () => {
    // 300 roles: about 4,000 runs of the pipeline
    const roles = Array.from({length: 300}, (_, i) => `ROLE_${i}`);
    app.memoryRoles.roles.set('carol', roles);
    const {answered, request} = givenAnswerOrder(app);
    // The ping is sent once the build has begun: when it reads the roles
    const store = app.memoryRoles;
    let ping: Promise<void> | undefined;
    app.bind(AuthorizationConsoleBindings.ROLE_STORE).to({
      listUsers: () => {
        ping ??= request('/ping', 'ping');
        return store.listUsers();
      },
    });
    await request('/authorization/matrix', 'matrix');
    await ping;
    expect(answered).to.eql(['ping', 'matrix']);
  });
});

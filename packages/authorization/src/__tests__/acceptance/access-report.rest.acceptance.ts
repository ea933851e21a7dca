// Copyright The loopback-security-monorepo authors. License: MIT.

// The access report: routes allowed to everyone, and the rules kept as data
// that route rule describers add, with a real REST server on 127.0.0.1.

import {get, RestApplication} from '@loopback/rest';
import {expect} from '@loopback/testlab';
import {
  asRouteRuleDescriber,
  AuthorizationDecision,
  AuthorizationErrorCode,
  authorize,
  BuiltinAuthorizersComponent,
  getAccessReport,
  renderAccessReportMarkdown,
  RouteRuleDescriber,
  RouteRuleDescription,
} from '../..';
import {givenClient, givenRestApp} from '../fixtures/rest-app';

class OpenDoorsController {
  @authorize({allowedRoles: ['$everyone']})
  @get('/login')
  login() {
    return {login: true};
  }

  @authorize({allowedRoles: ['$everyone'], deniedRoles: ['BANNED']})
  @get('/forum')
  forum() {
    return {forum: true};
  }

  @authorize({allowedRoles: ['$everyone'], scopes: ['forum:read']})
  @get('/forum/archive')
  archive() {
    return {archive: true};
  }
}

class NoteController {
  @authorize({resource: 'Note', action: 'read'} as object)
  @get('/notes')
  notes() {
    return [];
  }

  @authorize({allowedRoles: ['ADMIN']})
  @get('/stats')
  stats() {
    return {};
  }
}

const READ_RULES: RouteRuleDescription[] = [
  {
    id: 'readers-read-own',
    effect: 'allow',
    subjects: ['READER'],
    where: {ownerId: '$user.id'},
    fields: ['id', 'title'],
  },
  {id: 'no-drafts', effect: 'deny', subjects: ['$everyone']},
];

/**
 * A describer of the rules of the `Note` resource, counting its calls
 */
function givenNoteDescriber(): RouteRuleDescriber & {calls: string[]} {
  const calls: string[] = [];
  const describer: RouteRuleDescriber = (metadata, route) => {
    calls.push(
      `${route.verb} ${route.path} ${route.controller}.${route.method}`,
    );
    const {resource, action} = metadata as {resource?: string; action?: string};
    if (resource !== 'Note' || action !== 'read') return undefined;
    return READ_RULES;
  };
  return Object.assign(describer, {calls});
}

function givenDescribedApp(describer: unknown): RestApplication {
  const app = givenRestApp({}, NoteController);
  app.bind('describers.notes').to(describer).apply(asRouteRuleDescriber);
  return app;
}

describe('getAccessReport: routes allowed to everyone', () => {
  it('lists a route allowed to $everyone as public, with its rule', async () => {
    const report = await getAccessReport(givenRestApp({}, OpenDoorsController));
    expect(report.find(r => r.path === '/login')).to.containDeep({
      access: 'public',
      source: 'decorator',
      rules: {allowedRoles: ['$everyone']},
    });
  });

  it('keeps protected a route allowed to $everyone that names a way to refuse', async () => {
    const report = await getAccessReport(givenRestApp({}, OpenDoorsController));
    expect(report.find(r => r.path === '/forum')?.access).to.equal('protected');
    expect(report.find(r => r.path === '/forum/archive')?.access).to.equal(
      'protected',
    );
  });

  it('answers an anonymous caller of a public $everyone route under deny-by-default', async () => {
    const app = givenRestApp(
      {
        precedence: AuthorizationDecision.DENY,
        defaultDecision: AuthorizationDecision.DENY,
      },
      OpenDoorsController,
    );
    app.component(BuiltinAuthorizersComponent);
    const client = await givenClient(app);
    try {
      await client.get('/login').expect(200, {login: true});
    } finally {
      await app.stop();
    }
  });
});

describe('getAccessReport: route rule describers', () => {
  it('adds the rules a describer finds behind a route, and nothing to the others', async () => {
    const describer = givenNoteDescriber();
    const report = await getAccessReport(givenDescribedApp(describer));
    expect(report.find(r => r.path === '/notes')).to.containDeep({
      access: 'protected',
      rules: {resource: 'Note', action: 'read'},
      describedRules: READ_RULES,
    });
    expect(report.find(r => r.path === '/stats')).to.not.have.property(
      'describedRules',
    );
    expect(describer.calls.sort()).to.eql([
      'get /notes NoteController.notes',
      'get /stats NoteController.stats',
    ]);
  });

  it('renders them one a line in a last column, data escaped', async () => {
    const report = await getAccessReport(
      givenDescribedApp(() => [
        ...READ_RULES,
        {id: '<img src=x>', effect: 'allow', subjects: ['A|B']},
      ]),
    );
    const markdown = renderAccessReportMarkdown(report, 'Notes');
    expect(markdown).to.containEql(
      '| Verb | Path | Operation | Access | Source | Rules | Rules as data |',
    );
    expect(markdown).to.containEql(
      '| GET | `/notes` | NoteController.notes | protected | decorator | ' +
        'resource: Note; action: read | ' +
        'allow readers-read-own: READER, where {"ownerId":"$user.id"}, fields id, title<br>' +
        'deny no-drafts: $everyone, any instance<br>' +
        'allow &lt;img src=x&gt;: A\\|B, any instance |',
    );
  });

  it('leaves the column out when no route has rules as data', async () => {
    const markdown = renderAccessReportMarkdown(
      await getAccessReport(givenRestApp({}, NoteController)),
    );
    expect(markdown).to.not.containEql('Rules as data');
  });

  it('asks a describer bound after a first report on the next one', async () => {
    const app = givenRestApp({}, NoteController);
    const before = await getAccessReport(app);
    expect(before.find(r => r.path === '/notes')).to.not.have.property(
      'describedRules',
    );
    app
      .bind('describers.notes')
      .to(givenNoteDescriber())
      .apply(asRouteRuleDescriber);
    const after = await getAccessReport(app);
    expect(after.find(r => r.path === '/notes')?.describedRules).to.eql(
      READ_RULES,
    );
  });

  it('asks no describer with describeRules: false', async () => {
    const describer = givenNoteDescriber();
    const report = await getAccessReport(givenDescribedApp(describer), {
      describeRules: false,
    });
    expect(describer.calls).to.eql([]);
    expect(report.find(r => r.path === '/notes')).to.not.have.property(
      'describedRules',
    );
  });

  it('keeps copies: a describer that changes its rules later does not change the report', async () => {
    const rules: RouteRuleDescription[] = [
      {id: 'r', effect: 'allow', subjects: ['A'], where: {a: 1}},
    ];
    const report = await getAccessReport(givenDescribedApp(() => rules));
    rules[0].subjects.push('B');
    (rules[0].where as {a: number}).a = 2;
    expect(report.find(r => r.path === '/notes')?.describedRules).to.eql([
      {id: 'r', effect: 'allow', subjects: ['A'], where: {a: 1}},
    ]);
  });

  for (const [what, value, message] of [
    ['not a function', 'nope', /expected a function, got "nope"/],
    [
      'returning an object',
      () => ({}),
      /GET \/notes: it must be an array, got object \{\}/,
    ],
    [
      'returning a rule without id',
      () => [{effect: 'allow', subjects: []}],
      /\[0\]\.id must be a non-empty string, got undefined/,
    ],
    [
      'returning an effect other than allow or deny',
      () => [{id: 'r', effect: 'permit', subjects: []}],
      /\[0\]\.effect must be "allow" or "deny", got "permit"/,
    ],
    [
      'returning subjects that are not strings',
      () => [{id: 'r', effect: 'allow', subjects: [1]}],
      /\[0\]\.subjects must be a list of strings/,
    ],
    [
      'returning fields that are not strings',
      () => [{id: 'r', effect: 'deny', subjects: [], fields: 'id'}],
      /\[0\]\.fields must be a list of strings/,
    ],
    [
      'returning a where that is not an object',
      () => [{id: 'r', effect: 'deny', subjects: [], where: 'a = 1'}],
      /\[0\]\.where must be an object/,
    ],
  ] as const) {
    it(`fails the report, naming the describer, for one ${what}`, async () => {
      await expect(
        getAccessReport(givenDescribedApp(value)),
      ).to.be.rejectedWith({
        statusCode: 500,
        code: AuthorizationErrorCode.INVALID_ROUTE_RULES,
        message: new RegExp(
          `^Route rule describer "describers.notes" .*${message.source}`,
        ),
      });
    });
  }

  it('fails the report with what a describer throws, naming it and the route', async () => {
    const unavailable = Object.assign(new Error('the store is away'), {
      statusCode: 503,
      code: 'STORE_UNAVAILABLE',
    });
    const describer: RouteRuleDescriber = () => {
      throw unavailable;
    };
    await expect(
      getAccessReport(givenDescribedApp(describer)),
    ).to.be.rejectedWith({
      statusCode: 503,
      code: 'STORE_UNAVAILABLE',
      message:
        'Route rule describer "describers.notes" failed on GET /notes: the store is away',
    });
  });
});

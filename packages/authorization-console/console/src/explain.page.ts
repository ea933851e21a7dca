// Copyright The loopback-security-monorepo authors. License: MIT.

import {Api, ApiError} from './api.js';
import {el, field, input, list, replace, select, setFieldError} from './dom.js';
import {Explanation, Page, RoleUser, Session} from './types.js';

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The Explain page: who, and a route or a resource and an action; then the
 * decision, what decided it (highlighted) and every vote
 * @param api - The API
 * @param session - What the application offers
 */
export function explainPage(api: Api, session: Session): Page {
  return {
    title: 'Explain',
    async show(main) {
      const users = el('datalist', {attrs: {id: 'explain-users'}});
      if (session.features.roles) {
        api
          .call<{users: RoleUser[]}>('GET', '/roles')
          .then(({users: found}) => {
            replace(
              users,
              ...found.map(u =>
                el('option', {attrs: {value: u.id}, text: u.name ?? u.id}),
              ),
            );
          })
          .catch(() => {});
      }
      const c = {
        user: input({
          list: 'explain-users',
          placeholder: 'empty: an anonymous caller',
        }),
        roles: input({placeholder: 'empty: the roles the application finds'}),
        verb: select(VERBS.map(v => [v, v] as [string, string])),
        path: input({placeholder: '/orders/abc'}),
        resource: input({placeholder: 'or a resource, such as Order'}),
        action: input({placeholder: 'read'}),
        instance: input({placeholder: 'optional instance id'}),
      };
      const result = el('section', {
        attrs: {id: 'explain-result', 'aria-live': 'polite'},
      });
      const form = el(
        'form',
        {
          class: 'card',
          attrs: {'aria-labelledby': 'explain-title', novalidate: ''},
        },
        [
          el('h2', {text: 'Explain a decision', attrs: {id: 'explain-title'}}),
          el('div', {class: 'grid'}, [
            field('explain-user', 'User id', c.user),
            field(
              'explain-roles',
              'Suppose these roles (what-if)',
              c.roles,
              'Comma-separated, optional',
            ),
            field('explain-verb', 'Verb', c.verb),
            field('explain-path', 'Path', c.path),
            field(
              'explain-resource',
              'Resource',
              c.resource,
              'Instead of a route',
            ),
            field('explain-action', 'Action', c.action),
            field('explain-instance', 'Instance id', c.instance),
          ]),
          el('p', {
            class: 'field-error',
            attrs: {id: 'explain-general', role: 'alert'},
          }),
          el('button', {text: 'Explain', attrs: {type: 'submit'}}),
        ],
      );
      form.addEventListener('submit', event => {
        event.preventDefault();
        const body: Record<string, unknown> = {
          subject: subjectOf(c.user.value, c.roles.value),
        };
        if (c.path.value.trim()) {
          body.route = {verb: c.verb.value, path: c.path.value.trim()};
        } else {
          body.resource = c.resource.value.trim();
          body.action = c.action.value.trim();
          if (c.instance.value.trim())
            body.instanceId = c.instance.value.trim();
        }
        for (const id of [
          'explain-user',
          'explain-roles',
          'explain-path',
          'explain-resource',
          'explain-action',
          'explain-instance',
        ]) {
          setFieldError(id, '');
        }
        replace(document.getElementById('explain-general')!);
        api
          .call<Explanation>('POST', '/explain', body)
          .then(explanation => showExplanation(result, explanation))
          .catch((err: unknown) => showError(err));
      });
      replace(main, form, users, result);
    },
  };
}

function subjectOf(user: string, roles: string): object {
  if (!user.trim()) return {};
  const supposed = list(roles);
  return {
    user: supposed.length
      ? {id: user.trim(), roles: supposed}
      : {id: user.trim()},
  };
}

function showError(err: unknown): void {
  const general = document.getElementById('explain-general')!;
  if (!(err instanceof ApiError)) {
    general.textContent = (err as Error).message;
    return;
  }
  const ids: Record<string, string> = {
    subject: 'explain-user',
    route: 'explain-path',
    resource: 'explain-resource',
    action: 'explain-action',
    instanceId: 'explain-instance',
  };
  const detail = err.details[0];
  const key = detail && /^[a-zA-Z]+/.exec(detail.path)?.[0];
  const id =
    key &&
    (detail.path.startsWith('subject.user.roles') ? 'explain-roles' : ids[key]);
  if (id) setFieldError(id, detail.message);
  else general.textContent = err.message;
}

function showExplanation(result: HTMLElement, e: Explanation): void {
  const decided = e.decidedBy;
  const verdict = e.decision === 'Allow' ? 'allowed' : 'denied';
  const summary = el('p', {class: `verdict ${verdict}`}, [
    el('strong', {text: e.decision}),
    e.status !== undefined
      ? ` — the request gets ${e.status}`
      : ' — the request reaches the method',
  ]);
  const decider = el(
    'div',
    {class: 'card deciding', attrs: {id: 'decided-by'}},
    [
      el('h3', {text: 'Decided by'}),
      el('p', {text: describe(decided)}),
      decided.rule !== undefined
        ? el('p', {}, [
            'Rule: ',
            el('code', {class: 'rule-id', text: decided.rule}),
          ])
        : '',
    ],
  );
  const votes = el('table', {class: 'votes'}, [
    el('caption', {text: `Votes (${e.votes.length})`}),
    el('thead', {}, [
      el(
        'tr',
        {},
        ['#', 'Voter', 'Vote', 'Reason'].map(h =>
          el('th', {text: h, attrs: {scope: 'col'}}),
        ),
      ),
    ]),
    el(
      'tbody',
      {},
      e.votes.map((vote, i) => {
        const deciding = decided.kind === 'vote' && decided.voteIndex === i;
        return el(
          'tr',
          {
            class: deciding ? 'deciding' : '',
            attrs: deciding ? {'aria-current': 'true'} : {},
          },
          [
            el('td', {text: String(i + 1)}),
            el('td', {}, [el('code', {text: vote.voter})]),
            el('td', {
              text: deciding ? `${vote.decision} (deciding)` : vote.decision,
            }),
            el('td', {text: vote.reason ?? ''}),
          ],
        );
      }),
    ),
  ]);
  const caller = el('p', {}, [
    'Caller: ',
    el('code', {text: e.user ? (e.user.name ?? e.user.id) : 'anonymous'}),
    ` — roles: ${e.roles.join(', ') || 'none'}`,
    e.scopes.length ? ` — scopes: ${e.scopes.join(', ')}` : '',
  ]);
  replace(
    result,
    el('h2', {text: 'Explanation'}),
    summary,
    caller,
    e.route
      ? el('p', {}, [
          'Route: ',
          el('code', {text: `${e.route.verb} ${e.route.path}`}),
          ` → ${e.route.controller}.${e.route.method}`,
        ])
      : '',
    decider,
    votes,
    e.policy ? policySection(e) : '',
    e.notes.length
      ? el(
          'ul',
          {class: 'notes'},
          e.notes.map(n => el('li', {text: n})),
        )
      : '',
  );
}

function policySection(e: Explanation): HTMLElement {
  const p = e.policy!;
  const instance = p.instance;
  const instanceDeciding = e.decidedBy.kind === 'instance';
  return el('section', {class: 'card'}, [
    el('h3', {text: `Policy rules: ${p.action} on ${p.resource}`}),
    el('p', {
      text: `At the door: ${p.door.allowed ? 'allowed' : 'denied'}${p.door.rule ? ` by rule ${p.door.rule}` : ''}`,
    }),
    instance
      ? el(
          'div',
          {
            class: instanceDeciding ? 'instance deciding' : 'instance',
            attrs: {id: 'instance-check'},
          },
          [
            el('h4', {text: `Instance ${String(instance.id)}`}),
            el('p', {
              text: `${instance.allowed ? 'Allowed' : `Refused (${instance.status})`}: ${instance.reason}`,
            }),
          ],
        )
      : '',
    el('table', {class: 'rules'}, [
      el('caption', {text: 'Rules that apply to the caller'}),
      el('thead', {}, [
        el(
          'tr',
          {},
          ['Rule', 'Effect', 'Where', 'Fields', 'This instance'].map(h =>
            el('th', {text: h, attrs: {scope: 'col'}}),
          ),
        ),
      ]),
      el(
        'tbody',
        {},
        p.rules.map(rule => {
          const deciding =
            rule.id === e.decidedBy.rule ||
            (instanceDeciding && rule.matches === false);
          return el(
            'tr',
            {class: deciding ? 'deciding' : '', attrs: {'data-rule': rule.id}},
            [
              el('td', {}, [el('code', {class: 'rule-id', text: rule.id})]),
              el('td', {text: rule.effect}),
              el('td', {}, [
                el('code', {
                  text: rule.where ? JSON.stringify(rule.where) : '—',
                }),
              ]),
              el('td', {text: rule.fields?.join(', ') ?? 'all'}),
              el('td', {
                text:
                  rule.matches === undefined
                    ? ''
                    : rule.matches
                      ? 'condition met'
                      : 'condition not met',
              }),
            ],
          );
        }),
      ),
    ]),
    el('p', {
      text: `Readable: ${p.fields.readable.join(', ') || 'none'}. Writable (${p.fields.writeAction}): ${p.fields.writable.join(', ') || 'none'}.`,
    }),
    el('p', {}, [
      'A list query gets: ',
      el('code', {text: JSON.stringify(p.filter.where)}),
    ]),
  ]);
}

function describe(d: Explanation['decidedBy']): string {
  switch (d.kind) {
    case 'vote':
      return `${d.voter}${d.reason ? `: ${d.reason}` : ''}`;
    case 'default':
      return 'The default decision: every voter abstained';
    case 'instance':
      return `The instance check of the guarded repository: ${d.reason ?? ''}`;
    case 'rule':
      return `The policy rule ${d.rule}`;
    case 'noRule':
      return 'No policy rule allows it';
    case 'consoleRole':
      return `The console's role check, after the vote: ${d.reason ?? ''}`;
    default:
      return `${d.kind}${d.reason ? `: ${d.reason}` : ''}`;
  }
}

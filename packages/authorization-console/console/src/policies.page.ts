// Copyright The loopback-security-monorepo authors. License: MIT.

import {Api, ApiError} from './api.js';
import {
  el,
  field,
  input,
  list,
  replace,
  select,
  setFieldError,
  statusLine,
} from './dom.js';
import {Page, Rule} from './types.js';

const FIELDS = [
  'id',
  'effect',
  'resource',
  'actions',
  'subjects',
  'where',
  'fields',
  'description',
];

/**
 * The Policies page: the rules in force, a form to add one (each error of
 * a refused rule beside its field), and a delete button per rule
 * @param api - The API
 */
export function policiesPage(api: Api): Page {
  return {
    title: 'Policies',
    async show(main) {
      const status = statusLine('policy-status');
      const listing = el('div', {attrs: {id: 'policy-list'}});
      replace(
        main,
        el('h2', {text: 'Policy rules'}),
        status,
        listing,
        createForm(api, status, () => load(api, listing, status)),
      );
      await load(api, listing, status);
    },
  };
}

async function load(api: Api, listing: HTMLElement, status: HTMLElement) {
  const rules = await api.call<Rule[]>('GET', '/policies');
  const rows = rules.map(rule =>
    el('tr', {attrs: {'data-rule': rule.id}}, [
      el('td', {}, [el('code', {text: rule.id})]),
      el('td', {text: rule.effect}),
      el('td', {text: rule.resource}),
      el('td', {text: rule.actions.join(', ')}),
      el('td', {text: rule.subjects.join(', ')}),
      el('td', {}, [
        el('code', {text: rule.where ? JSON.stringify(rule.where) : '—'}),
      ]),
      el('td', {text: rule.fields?.join(', ') ?? 'all'}),
      el('td', {text: rule.description ?? ''}),
      el('td', {}, [
        el('button', {
          text: 'Delete',
          attrs: {type: 'button', 'aria-label': `Delete rule ${rule.id}`},
          on: {
            click: () => {
              const path = rulePath(api, rule.id);
              if (!path) {
                status.textContent = `Rule ${rule.id} cannot be deleted from this page: a URL cannot name it. Remove it from the policy store.`;
                return;
              }
              api
                .call('DELETE', path)
                .then(() => {
                  status.textContent = `Rule ${rule.id} deleted.`;
                  return load(api, listing, status);
                })
                .catch((err: Error) => {
                  status.textContent = `Not deleted: ${err.message}`;
                });
            },
          },
        }),
      ]),
    ]),
  );
  const headers = [
    'Id',
    'Effect',
    'Resource',
    'Actions',
    'Subjects',
    'Where',
    'Fields',
    'Description',
    '',
  ];
  replace(
    listing,
    el('div', {class: 'scroll', attrs: {tabindex: '0'}}, [
      el('table', {class: 'rules'}, [
        el('caption', {text: `${rules.length} rules in force`}),
        el('thead', {}, [
          el(
            'tr',
            {},
            headers.map(h => el('th', {text: h, attrs: {scope: 'col'}})),
          ),
        ]),
        el('tbody', {}, rows),
      ]),
    ]),
  );
}

/**
 * The API path of a rule, or `undefined` when a URL cannot carry its id: the
 * browser's URL parser removes the segments "." and ".." (however encoded),
 * so the request would reach another route. The API refuses such ids for
 * new rules; one stored before is said, not sent.
 */
function rulePath(api: Api, id: string): string | undefined {
  const path = `/policies/${encodeURIComponent(id)}`;
  const url = new URL(api.base + path, location.href);
  return url.pathname === api.base + path ? path : undefined;
}

function createForm(
  api: Api,
  status: HTMLElement,
  reload: () => Promise<void>,
) {
  const controls = {
    id: input({placeholder: 'assigned when empty'}),
    effect: select([
      ['allow', 'allow'],
      ['deny', 'deny'],
    ]),
    resource: input(),
    actions: input({placeholder: 'read, update'}),
    subjects: input({placeholder: 'CUSTOMER_SERVICE, $authenticated'}),
    where: el('textarea', {
      attrs: {
        rows: '2',
        spellcheck: 'false',
        placeholder: '{"ownerId": "$user.id"}',
      },
    }),
    fields: input({placeholder: 'all properties when empty'}),
    description: input(),
  };
  const form = el(
    'form',
    {class: 'card', attrs: {'aria-labelledby': 'new-rule', novalidate: ''}},
    [
      el('h3', {text: 'Add a rule', attrs: {id: 'new-rule'}}),
      el('div', {class: 'grid'}, [
        field('rule-id', 'Id', controls.id),
        field('rule-effect', 'Effect', controls.effect),
        field('rule-resource', 'Resource', controls.resource),
        field('rule-actions', 'Actions', controls.actions, 'Comma-separated'),
        field(
          'rule-subjects',
          'Subjects',
          controls.subjects,
          'Roles, $everyone, $authenticated, principal:<id>',
        ),
        field(
          'rule-where',
          'Where (JSON)',
          controls.where,
          'Optional LoopBack where; $user.<field> names the caller',
        ),
        field(
          'rule-fields',
          'Fields',
          controls.fields,
          'Comma-separated, optional',
        ),
        field('rule-description', 'Description', controls.description),
      ]),
      el('p', {
        class: 'field-error',
        attrs: {id: 'rule-rule-error', role: 'alert'},
      }),
      el('button', {text: 'Add the rule', attrs: {type: 'submit'}}),
    ],
  );
  form.addEventListener('submit', event => {
    event.preventDefault();
    for (const name of [...FIELDS, 'rule']) setFieldError(`rule-${name}`, '');
    const rule: Record<string, unknown> = {
      effect: controls.effect.value,
      resource: controls.resource.value.trim(),
      actions: list(controls.actions.value),
      subjects: list(controls.subjects.value),
    };
    if (controls.id.value.trim()) rule.id = controls.id.value.trim();
    if (controls.fields.value.trim()) rule.fields = list(controls.fields.value);
    if (controls.description.value.trim())
      rule.description = controls.description.value.trim();
    if (controls.where.value.trim()) {
      try {
        rule.where = JSON.parse(controls.where.value);
      } catch {
        setFieldError('rule-where', 'Not valid JSON');
        controls.where.focus();
        return;
      }
    }
    api
      .call<Rule>('POST', '/policies', rule)
      .then(async created => {
        form.reset();
        status.textContent = `Rule ${created.id} added; it holds from the next request.`;
        await reload();
      })
      .catch((err: unknown) => showErrors(err, status));
  });
  return form;
}

/**
 * Put each error of a refused rule beside the field it names
 */
function showErrors(err: unknown, status: HTMLElement): void {
  if (!(err instanceof ApiError) || err.details.length === 0) {
    status.textContent = `Not added: ${(err as Error).message}`;
    return;
  }
  status.textContent = 'Not added: see the fields marked below.';
  let first: HTMLElement | null = null;
  for (const detail of err.details) {
    const name = /^[a-z]+/i.exec(detail.path)?.[0] ?? 'rule';
    const id = FIELDS.includes(name) ? `rule-${name}` : 'rule-rule';
    const message =
      name === detail.path
        ? detail.message
        : `${detail.path}: ${detail.message}`;
    if (id === 'rule-rule') {
      const general = document.getElementById('rule-rule-error');
      if (general) general.textContent = message;
    } else {
      setFieldError(id, message);
      first ??= document.getElementById(id);
    }
  }
  first?.focus();
}

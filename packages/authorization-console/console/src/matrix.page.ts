// Copyright The loopback-security-monorepo authors. License: MIT.

import {Api} from './api.js';
import {el, field, replace} from './dom.js';
import {AccessMatrix, MatrixCell, MatrixRow, Page} from './types.js';

/**
 * The Matrix page: every route against every role, each cell a button
 * that shows what decided it
 * @param api - The API
 */
export function matrixPage(api: Api): Page {
  // The columns asked for; the API's default when none are
  let chosen: string[] | undefined;
  const page: Page = {
    title: 'Matrix',
    async show(main) {
      const detail = el('section', {
        class: 'card detail',
        attrs: {'aria-live': 'polite', id: 'matrix-detail'},
        text: 'Choose a cell to see what decides it.',
      });
      const status = el('p', {class: 'status', text: 'Loading the matrix…'});
      replace(main, el('h2', {text: 'Access matrix'}), status);
      const query = new URLSearchParams();
      for (const role of chosen ?? []) query.append('roles', role);
      const qs = chosen ? `?${query}` : '';
      const matrix = await api.call<AccessMatrix>('GET', `/matrix${qs}`);
      const table = el('table', {class: 'matrix'}, [
        el('caption', {
          text: 'What a caller with each role alone may do on each route',
        }),
        el('thead', {}, [
          el('tr', {}, [
            el('th', {text: 'Route', attrs: {scope: 'col'}}),
            ...matrix.roles.map(role =>
              el('th', {text: role, attrs: {scope: 'col'}}),
            ),
          ]),
        ]),
        el(
          'tbody',
          {},
          matrix.routes.map(row => rowOf(row, matrix.roles, detail)),
        ),
      ]);
      replace(
        status,
        `${matrix.routes.length} routes, ${matrix.roles.length} roles.`,
      );
      main.append(
        legend(),
        el('div', {class: 'scroll', attrs: {tabindex: '0'}}, [table]),
        detail,
      );
      if (matrix.omittedRoles.length > 0) {
        main.append(
          columnsForm(matrix, roles => {
            chosen = roles;
            Promise.resolve(page.show(main)).catch((err: Error) => {
              main.append(
                el('p', {
                  class: 'error',
                  text: `The matrix could not be read: ${err.message}`,
                  attrs: {role: 'alert'},
                }),
              );
            });
          }),
        );
      }
    },
  };
  return page;
}

/**
 * The choice of the columns, when the matrix does not show every role: a
 * list of every role, those shown selected
 */
function columnsForm(
  matrix: AccessMatrix,
  onChoose: (roles: string[]) => void,
): HTMLFormElement {
  const all = [...matrix.roles, ...matrix.omittedRoles];
  const shown = new Set(matrix.roles);
  const choice = el(
    'select',
    {attrs: {multiple: '', size: String(Math.min(all.length, 10))}},
    all.map(role => {
      const option = el('option', {text: role, attrs: {value: role}});
      option.selected = shown.has(role);
      return option;
    }),
  );
  const form = el('form', {class: 'card', attrs: {'aria-label': 'Columns'}}, [
    el('p', {
      text: `${matrix.omittedRoles.length} roles have no column: each cell is a run of the authorization pipeline, so a matrix has at most ${matrix.roles.length} columns.`,
    }),
    field('matrix-roles', 'Roles to show', choice),
    el('button', {text: 'Show these roles', attrs: {type: 'submit'}}),
  ]);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const roles = [...choice.selectedOptions].map(option => option.value);
    if (roles.length > 0) onChoose(roles);
  });
  return form;
}

function rowOf(
  row: MatrixRow,
  roles: string[],
  detail: HTMLElement,
): HTMLTableRowElement {
  const route = `${row.verb} ${row.path}`;
  return el('tr', {attrs: {'data-route': route}}, [
    el('th', {attrs: {scope: 'row'}}, [
      el('code', {text: route}),
      row.method
        ? el('span', {class: 'muted', text: ` ${row.controller}.${row.method}`})
        : undefined,
    ]),
    ...roles.map(role => {
      const cell = row.cells[role];
      const button = el('button', {
        class: `cell ${cell.access}`,
        text: cell.access,
        attrs: {
          type: 'button',
          'data-role': role,
          'aria-label': `${route} for ${role}: ${cell.access}`,
        },
      });
      button.addEventListener('click', () =>
        showCell(detail, route, role, cell),
      );
      return el('td', {}, [button]);
    }),
  ]);
}

function showCell(
  detail: HTMLElement,
  route: string,
  role: string,
  cell: MatrixCell,
): void {
  replace(
    detail,
    el('h3', {}, [el('code', {text: route}), ` for ${role}: `, cell.access]),
    el('p', {text: `Decided by: ${cell.by}`}),
    cell.reason ? el('p', {text: cell.reason}) : '',
  );
}

function legend(): HTMLElement {
  return el('p', {class: 'legend'}, [
    el('span', {class: 'cell allowed', text: 'allowed'}),
    ' ',
    el('span', {class: 'cell conditional', text: 'conditional'}),
    " only some instances (a rule's condition, or the owner) ",
    el('span', {class: 'cell denied', text: 'denied'}),
    ' ',
    el('span', {class: 'cell error', text: 'error'}),
  ]);
}

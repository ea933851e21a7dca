// Copyright The loopback-security-monorepo authors. License: MIT.

import {Api} from './api.js';
import {el, replace} from './dom.js';
import {AccessMatrix, MatrixCell, MatrixRow, Page} from './types.js';

/**
 * The Matrix page: every route against every role, each cell a button
 * that shows what decided it
 * @param api - The API
 */
export function matrixPage(api: Api): Page {
  return {
    title: 'Matrix',
    async show(main) {
      const detail = el('section', {
        class: 'card detail',
        attrs: {'aria-live': 'polite', id: 'matrix-detail'},
        text: 'Choose a cell to see what decides it.',
      });
      const status = el('p', {class: 'status', text: 'Loading the matrix…'});
      replace(main, el('h2', {text: 'Access matrix'}), status);
      const matrix = await api.call<AccessMatrix>('GET', '/matrix');
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
    },
  };
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

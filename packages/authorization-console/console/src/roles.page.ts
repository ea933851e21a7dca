// Copyright The loopback-security-monorepo authors. License: MIT.

import {Api} from './api.js';
import {el, input, list, replace, statusLine} from './dom.js';
import {Page, RoleUser, Session} from './types.js';

/**
 * The Roles page: the users and their roles, editable when the role store
 * can change them
 * @param api - The API
 * @param session - What the application offers
 */
export function rolesPage(api: Api, session: Session): Page {
  return {
    title: 'Roles',
    async show(main) {
      const status = statusLine('roles-status');
      replace(main, el('h2', {text: 'Users and roles'}), status);
      const {users, editable} = await api.call<{
        users: RoleUser[];
        editable: boolean;
      }>('GET', '/roles');
      const canEdit = editable && session.features.rolesEditable;
      const rows = users.map(user => {
        // The field holds the roles separated by commas: a role with a comma
        // (the API refuses such names, a store may hold one) would be split
        // when saved, so that user's roles are shown, not edited
        const editableRow =
          canEdit && !user.roles.some(role => role.includes(','));
        const roles = input({
          value: user.roles.join(', '),
          'aria-label': `Roles of ${user.name ?? user.id}`,
        });
        roles.value = user.roles.join(', ');
        const save = el('button', {text: 'Save', attrs: {type: 'button'}});
        save.addEventListener('click', () => {
          api
            .call<{roles: string[]}>(
              'PUT',
              `/roles/${encodeURIComponent(user.id)}`,
              list(roles.value),
            )
            .then(saved => {
              status.textContent = `Roles of ${user.name ?? user.id}: ${saved.roles.join(', ') || 'none'}.`;
            })
            .catch((err: Error) => {
              status.textContent = `Not saved: ${err.message}`;
            });
        });
        return el('tr', {attrs: {'data-user': user.id}}, [
          el('td', {}, [el('code', {text: user.id})]),
          el('td', {text: user.name ?? ''}),
          el('td', {}, editableRow ? [roles] : [user.roles.join(', ') || '—']),
          canEdit
            ? el('td', {}, editableRow ? [save] : ['a role holds a comma'])
            : undefined,
        ]);
      });
      const headers = ['Id', 'Name', 'Roles', ...(canEdit ? [''] : [])];
      main.append(
        el('div', {class: 'scroll', attrs: {tabindex: '0'}}, [
          el('table', {}, [
            el('caption', {
              text: canEdit
                ? 'Roles take effect on the next request'
                : 'Read-only',
            }),
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
    },
  };
}

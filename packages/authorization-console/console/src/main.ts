// Copyright The loopback-security-monorepo authors. License: MIT.

import {Api, ApiError} from './api.js';
import {el, field, input, replace} from './dom.js';
import {decisionsPage} from './decisions.page.js';
import {explainPage} from './explain.page.js';
import {matrixPage} from './matrix.page.js';
import {policiesPage} from './policies.page.js';
import {rolesPage} from './roles.page.js';
import {Page, Session} from './types.js';

function meta(name: string): string {
  return (
    document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ??
    ''
  );
}

const api = new Api(meta('console-base'));
const loginPath = meta('console-login');
const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const who = document.getElementById('who')!;
let current: Page | undefined;

/**
 * The sign-in view: a login form when the application has one, and a
 * bearer token to paste
 * @param message - Why the administrator is here again, if anything
 */
function showSignIn(message = ''): void {
  current?.hide?.();
  current = undefined;
  api.signOut();
  nav.hidden = true;
  replace(nav);
  replace(who);
  const error = el('p', {
    class: 'error',
    text: message,
    attrs: {role: 'alert'},
  });
  const token = el('textarea', {attrs: {rows: '3', spellcheck: 'false'}});
  const tokenForm = el(
    'form',
    {class: 'card', attrs: {'aria-labelledby': 'token-title'}},
    [
      el('h2', {text: 'Paste a bearer token', attrs: {id: 'token-title'}}),
      field('token', 'Token', token, 'Sent as "Authorization: Bearer <token>"'),
      el('button', {text: 'Use this token', attrs: {type: 'submit'}}),
    ],
  );
  tokenForm.addEventListener('submit', event => {
    event.preventDefault();
    start(token.value.trim(), error).catch((err: Error) => {
      error.textContent = err.message;
    });
  });
  const forms: HTMLElement[] = [];
  if (loginPath) forms.push(loginForm(error));
  forms.push(tokenForm);
  replace(main, el('h2', {text: 'Sign in'}), error, ...forms);
  (forms[0].querySelector('input, textarea') as HTMLElement | null)?.focus();
}

function loginForm(error: HTMLElement): HTMLFormElement {
  const username = input({autocomplete: 'username'});
  const password = input({type: 'password', autocomplete: 'current-password'});
  const form = el(
    'form',
    {class: 'card', attrs: {'aria-labelledby': 'login-title'}},
    [
      el('h2', {text: 'Log in', attrs: {id: 'login-title'}}),
      field('username', 'Username', username),
      field('password', 'Password', password),
      el('button', {text: 'Log in', attrs: {type: 'submit'}}),
    ],
  );
  form.addEventListener('submit', event => {
    event.preventDefault();
    api
      .fetchJson<{token?: unknown}>('POST', loginPath, {
        username: username.value,
        password: password.value,
      })
      .then(body => {
        if (typeof body?.token !== 'string')
          throw new Error('No token in the answer');
        return start(body.token, error);
      })
      .catch((err: Error) => {
        error.textContent = `Login failed: ${err.message}`;
      });
  });
  return form;
}

/**
 * Sign in with a token: the session says whether it may use the console
 */
async function start(token: string, error: HTMLElement): Promise<void> {
  if (!token) {
    error.textContent = 'Paste a token first.';
    return;
  }
  api.signIn(token);
  let session: Session;
  try {
    session = await api.call<Session>('GET', '/session');
  } catch (err) {
    api.signOut();
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      showNotAllowed(err);
    } else {
      error.textContent = `The console's API did not answer: ${(err as Error).message}`;
    }
    return;
  }
  showApp(session);
}

/**
 * What a token that may not use the console gets: no data, a way back
 */
function showNotAllowed(err: ApiError): void {
  const why =
    err.status === 401
      ? 'The token was refused: it is missing, expired or invalid.'
      : 'This account may not use the authorization console: it does not hold a role the console is open to.';
  const back = el('button', {
    text: 'Sign in with another account',
    attrs: {type: 'button'},
  });
  back.addEventListener('click', () => showSignIn());
  replace(
    main,
    el(
      'section',
      {
        class: 'card not-allowed',
        attrs: {role: 'alert', 'aria-labelledby': 'na'},
      },
      [
        el('h2', {text: `Not allowed (${err.status})`, attrs: {id: 'na'}}),
        el('p', {text: why}),
        el('p', {class: 'muted', text: err.message}),
        back,
      ],
    ),
  );
  back.focus();
}

function showApp(session: Session): void {
  const name = session.user?.name ?? session.user?.id ?? 'anonymous';
  replace(
    who,
    `Signed in as ${name} (${session.roles.join(', ') || 'no roles'})`,
  );
  const pages: Page[] = [
    matrixPage(api),
    explainPage(api, session),
    decisionsPage(api),
  ];
  if (session.features.policies) pages.push(policiesPage(api));
  if (session.features.roles) pages.push(rolesPage(api, session));
  const buttons = pages.map(page =>
    el('button', {
      text: page.title,
      attrs: {type: 'button'},
      on: {click: () => show(page)},
    }),
  );
  const signOut = el('button', {
    class: 'sign-out',
    text: 'Sign out',
    attrs: {type: 'button'},
    on: {click: () => showSignIn()},
  });
  replace(nav, ...buttons, signOut);
  nav.hidden = false;

  function show(page: Page): void {
    current?.hide?.();
    current = page;
    buttons.forEach((button, i) => {
      if (pages[i] === page) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    });
    // A page of its own: what a page shown before draws late lands in a
    // detached element, never on this one
    const area = el('div', {class: 'page'});
    replace(main, area);
    Promise.resolve(page.show(area)).catch(err => onError(err, area));
    main.focus();
  }
  show(pages[0]);
}

/**
 * An error of a page: a token that expired meanwhile leads back to the
 * sign-in view, a refusal to the "not allowed" state
 * @param err - What the page failed with
 * @param area - The page's element
 */
export function onError(err: unknown, area: HTMLElement): void {
  if (err instanceof ApiError && err.status === 401) {
    showSignIn('The token is no longer accepted: sign in again.');
    return;
  }
  if (err instanceof ApiError && err.status === 403) {
    showNotAllowed(err);
    return;
  }
  area.append(
    el('p', {
      class: 'error',
      text: `Error: ${(err as Error).message}`,
      attrs: {role: 'alert'},
    }),
  );
}

showSignIn();

// Copyright The loopback-security-monorepo authors. License: MIT.

import {consoleError} from '../console-errors';
import {show} from '../console-options';
import {ExplainSubject} from './explain-context';

/**
 * The body of `POST <path>/explain`: a subject and either a route or a
 * resource type and an action (and optionally an instance id)
 */
export interface ExplainRequest {
  /**
   * Who asks: `{user: {id}}`, `{user: {id, roles}}` (a what-if) or `{}`
   * (anonymous)
   */
  subject: ExplainSubject;
  /**
   * A route, as a request would call it
   */
  route?: {verb: string; path: string};
  /**
   * A policy resource type
   */
  resource?: string;
  /**
   * An action on it
   */
  action?: string;
  /**
   * An instance of it
   */
  instanceId?: string | number;
}

/**
 * The checked form of an {@link ExplainRequest}
 */
export type ExplainTarget =
  | {
      kind: 'route';
      verb: string;
      /**
       * The path and query string, as the request line carries them: read
       * as the server reads a request's (`explainedRequest`)
       */
      path: string;
    }
  | {
      kind: 'resource';
      resource: string;
      action: string;
      instanceId?: string | number;
    };

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const MAX_TEXT = 500;
const MAX_ROLES = 100;

/**
 * A 422 error naming the part of the request at fault
 * @param part - The part, such as `subject.user.id`
 * @param what - What is wrong with it
 */
export function invalidExplainRequest(part: string, what: string): Error {
  return consoleError(
    422,
    'INVALID_EXPLAIN_REQUEST',
    `Invalid explain request: ${part}: ${what}`,
    [{path: part, message: what}],
  );
}

/**
 * Check the body of an explain request; throws a 422 error that names the
 * part at fault
 * @param body - The parsed JSON body
 */
export function checkExplainRequest(body: unknown): {
  subject: ExplainSubject;
  target: ExplainTarget;
} {
  const input = record(body, 'body');
  only(input, ['subject', 'route', 'resource', 'action', 'instanceId'], '');
  const subject = checkSubject(input.subject);
  if (input.route !== undefined) {
    if (
      input.resource !== undefined ||
      input.action !== undefined ||
      input.instanceId !== undefined
    ) {
      throw invalidExplainRequest(
        'route',
        'give a route, or a resource and an action, not both',
      );
    }
    return {subject, target: checkRoute(input.route)};
  }
  if (input.resource === undefined && input.action === undefined) {
    throw invalidExplainRequest(
      'route',
      'give a route, or a resource and an action',
    );
  }
  const resource = text(input.resource, 'resource');
  const action = text(input.action, 'action');
  const {instanceId} = input;
  if (
    instanceId !== undefined &&
    !(typeof instanceId === 'number' && Number.isFinite(instanceId)) &&
    !(typeof instanceId === 'string' && instanceId !== '')
  ) {
    throw invalidExplainRequest(
      'instanceId',
      `expected a non-empty string or a number, got ${show(instanceId)}`,
    );
  }
  return {
    subject,
    target: {kind: 'resource', resource, action, instanceId},
  };
}

function checkSubject(value: unknown): ExplainSubject {
  if (value === undefined) return {};
  const subject = record(value, 'subject');
  only(subject, ['user'], 'subject.');
  if (subject.user === undefined || subject.user === null) return {};
  const user = record(subject.user, 'subject.user');
  only(user, ['id', 'roles'], 'subject.user.');
  const id = text(user.id, 'subject.user.id');
  if (user.roles === undefined) return {user: {id}};
  if (!Array.isArray(user.roles) || user.roles.length > MAX_ROLES) {
    throw invalidExplainRequest(
      'subject.user.roles',
      `expected an array of at most ${MAX_ROLES} role names, got ${show(user.roles)}`,
    );
  }
  const roles = user.roles.map((role, i) =>
    text(role, `subject.user.roles[${i}]`),
  );
  return {user: {id, roles}};
}

function checkRoute(value: unknown): ExplainTarget {
  const route = record(value, 'route');
  only(route, ['verb', 'path'], 'route.');
  const verb = text(route.verb, 'route.verb').toUpperCase();
  if (!VERBS.includes(verb)) {
    throw invalidExplainRequest(
      'route.verb',
      `expected one of ${VERBS.join(', ')}, got ${show(route.verb)}`,
    );
  }
  const raw = text(route.path, 'route.path');
  if (!raw.startsWith('/')) {
    throw invalidExplainRequest(
      'route.path',
      `expected a path starting with "/", got ${show(raw)}`,
    );
  }
  return {kind: 'route', verb, path: raw};
}

function record(value: unknown, part: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidExplainRequest(part, `expected an object, got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

function only(value: object, keys: string[], prefix: string) {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      throw invalidExplainRequest(`${prefix}${key}`, 'unknown key');
    }
  }
}

function text(value: unknown, part: string): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_TEXT) {
    throw invalidExplainRequest(
      part,
      `expected a non-empty string of at most ${MAX_TEXT} characters, got ${show(value)}`,
    );
  }
  return value;
}

// Copyright The loopback-security-monorepo authors. License: MIT.

import {PRINCIPAL_PREFIX} from './rule.validator';
import {PolicyCaller} from '../types';
import {PolicyIndex} from './policy-index';
import {QuestionRules} from './question-rules';

/**
 * The subjects a caller matches: the built-in roles, its roles and itself.
 * A role name that looks like a built-in role or a principal is ignored: a
 * role mapper cannot make a caller pass for someone else.
 *
 * @param caller - The caller
 */
export function subjectsOf(caller: PolicyCaller): string[] {
  const subjects =
    caller.id !== undefined
      ? ['$everyone', '$authenticated', PRINCIPAL_PREFIX + caller.id]
      : ['$everyone', '$unauthenticated', '$anonymous'];
  for (const role of caller.roles) {
    if (role.startsWith('$') || role.startsWith(PRINCIPAL_PREFIX)) continue;
    subjects.push(role);
  }
  return subjects;
}

interface CallerView {
  subjects: string[];
  buckets: Map<string, Map<string, QuestionRules>>;
}

/**
 * The rules of each question of a caller, found once per caller, as CASL
 * builds an ability per user.
 *
 * @remarks
 * Only frozen callers (as `callerFromUserProfile` and
 * `callerFromAuthorizationContext` make them) are remembered, and only
 * while the caller object lives: a caller that could change between two
 * calls is looked up every time. Every change to the rules forgets every
 * caller ({@link CallerBuckets.clear}).
 */
export class CallerBuckets {
  private views = new WeakMap<PolicyCaller, CallerView>();

  /**
   * The rules about a resource type and an action that apply to a caller
   * @param index - The rules
   * @param caller - The caller
   * @param resource - The resource type
   * @param action - The action
   */
  get(
    index: PolicyIndex,
    caller: PolicyCaller,
    resource: string,
    action: string,
  ): QuestionRules {
    if (!Object.isFrozen(caller) || !Object.isFrozen(caller.roles)) {
      return index.candidates(resource, action, subjectsOf(caller));
    }
    let view = this.views.get(caller);
    if (!view) {
      view = {subjects: subjectsOf(caller), buckets: new Map()};
      this.views.set(caller, view);
    }
    let byAction = view.buckets.get(resource);
    if (!byAction) view.buckets.set(resource, (byAction = new Map()));
    let bucket = byAction.get(action);
    if (!bucket) {
      bucket = index.candidates(resource, action, view.subjects);
      byAction.set(action, bucket);
    }
    return bucket;
  }

  /**
   * Forget every caller: the rules changed
   */
  clear(): void {
    this.views = new WeakMap();
  }
}

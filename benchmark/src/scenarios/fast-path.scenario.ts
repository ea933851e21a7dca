// Copyright The loopback-security-monorepo authors. License: MIT.

import {InvocationScenario} from './invoke-method.scenario';

/**
 * The fast path: a method without authorization metadata, in applications
 * where the components are mounted and voters are bound. The interceptors
 * should let the call through without asking anybody; what they cost here is
 * what every undecorated method of an application pays. It also times a
 * global interceptor that only calls `next()`: what LoopBack's interceptor
 * chain costs by itself, the floor of any authorization interceptor.
 *
 * @param voters - How many voters are bound (none is asked)
 */
export function fastPathScenario(voters = 10): InvocationScenario {
  return {
    id: 'fast-path',
    title: `no metadata (${voters} voters bound), with a user`,
    voters,
    withUser: true,
    decorated: false,
    withFloor: true,
  };
}

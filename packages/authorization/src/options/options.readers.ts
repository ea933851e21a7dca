// Copyright The loopback-security-monorepo authors. License: MIT.

import {OptionsReader} from '../caches/options.cache';
import {AuthorizationBindings} from '../keys';
import {
  completeAuthorizationOptions,
  ResolvedAuthorizationOptions,
} from './authorization-options.validator';
import {
  BuiltinAuthorizersOptions,
  completeBuiltinAuthorizersOptions,
} from './builtin-authorizers.options';

/**
 * The one reader of the options of `AuthorizationComponent`: the interceptor,
 * the metadata provider and the start-up check all read through it
 */
export const authorizationOptions =
  new OptionsReader<ResolvedAuthorizationOptions>(
    AuthorizationBindings.COMPONENT,
    completeAuthorizationOptions,
  );

/**
 * The one reader of the options of `BuiltinAuthorizersComponent`
 */
export const builtinAuthorizersOptions = new OptionsReader<
  Readonly<Required<BuiltinAuthorizersOptions>>
>(AuthorizationBindings.BUILTIN_AUTHORIZERS, completeBuiltinAuthorizersOptions);

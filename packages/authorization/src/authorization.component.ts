// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  Component,
  ContextTags,
  createBindingFromClass,
  injectable,
} from '@loopback/core';
import {AuthorizationInterceptor} from './interceptors/authorization.interceptor';
import {AuthorizationBindings} from './keys';
import {AuthorizationOptionsObserver} from './observers/authorization-options.observer';
import {UnprotectedRoutesObserver} from './observers/unprotected-routes.observer';
import {AuthorizationSpecEnhancer} from './openapi/authorization-spec.enhancer';
import {AuthorizationMetadataProvider} from './providers/authorization-metadata.provider';

/**
 * The authorization component: `app.component(AuthorizationComponent)` binds
 * it under `AuthorizationBindings.COMPONENT`, where
 * `app.configure(binding.key).to(options)` configures it, before or after.
 *
 * @remarks
 * It only wires: the global interceptor, the metadata provider, the OpenAPI
 * enhancer that documents `@authorize`, and observers that check the options
 * and list unprotected routes when the application starts.
 */
@injectable({tags: {[ContextTags.KEY]: AuthorizationBindings.COMPONENT}})
export class AuthorizationComponent implements Component {
  /**
   * The metadata provider of the current request
   */
  providers = {
    [AuthorizationBindings.METADATA.key]: AuthorizationMetadataProvider,
  };

  /**
   * The global authorization interceptor
   */
  bindings: Binding[] = [
    createBindingFromClass(AuthorizationInterceptor),
    createBindingFromClass(AuthorizationSpecEnhancer),
  ];

  /**
   * Checks the options when the application starts
   */
  lifeCycleObservers = [
    AuthorizationOptionsObserver,
    UnprotectedRoutesObserver,
  ];
}

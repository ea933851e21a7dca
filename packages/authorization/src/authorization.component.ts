// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  Component,
  Constructor,
  ContextTags,
  createBindingFromClass,
  injectable,
  LifeCycleObserver,
  ProviderMap,
} from '@loopback/core';
import {AuthorizationInterceptor} from './pipeline/authorization.interceptor';
import {AuthorizationBindings} from './keys';
import {createDenialHeadersBinding} from './rest/denial-headers.middleware';
import {StartupChecksObserver} from './rest/startup-checks.observer';
import {AuthorizationSpecEnhancer} from './rest/authorization-spec.enhancer';
import {AuthorizationMetadataProvider} from './metadata/authorization-metadata.provider';

/**
 * The authorization component: `app.component(AuthorizationComponent)` binds
 * it under `AuthorizationBindings.COMPONENT`, where
 * `app.configure(binding.key).to(options)` configures it, before or after.
 *
 * @remarks
 * It only wires: the global interceptor, the metadata provider, the REST
 * middleware that writes the headers of a denial, the OpenAPI enhancer that
 * documents `@authorize`, and observers that check the options and list
 * unprotected routes when the application starts.
 */
@injectable({tags: {[ContextTags.KEY]: AuthorizationBindings.COMPONENT}})
export class AuthorizationComponent implements Component {
  /**
   * The metadata provider of the current request
   */
  providers: ProviderMap = {
    [AuthorizationBindings.METADATA.key]: AuthorizationMetadataProvider,
  };

  /**
   * The global authorization interceptor and the denial headers middleware
   */
  bindings: Binding[] = [
    createBindingFromClass(AuthorizationInterceptor),
    createDenialHeadersBinding(
      AuthorizationBindings.DENIAL_HEADERS_MIDDLEWARE.key,
    ),
    createBindingFromClass(AuthorizationSpecEnhancer),
  ];

  /**
   * Checks the options and lists unprotected routes when the application
   * starts
   */
  lifeCycleObservers: Constructor<LifeCycleObserver>[] = [
    StartupChecksObserver,
  ];
}

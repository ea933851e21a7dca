// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  asGlobalInterceptor,
  Binding,
  BindingScope,
  Context,
  inject,
  injectable,
  Interceptor,
  InvocationContext,
  InvocationResult,
  isPromiseLike,
  Next,
  Provider,
  ValueOrPromise,
} from '@loopback/core';
import debugFactory from 'debug';
import {getInvocationMetadata} from '../decorators/authorization-metadata';
import {createAuthorizationError} from '../errors';
import {AuthorizationBindings} from '../keys';
import {AuthorizationContextBuilder} from '../services/authorization-context.service';
import {
  completeAuthorizationOptions,
  ComponentOptions,
  ResolvedAuthorizationOptions,
} from '../services/component-options.service';
import {DecisionListeners} from '../services/decision-listeners.service';
import {MetadataCache} from '../services/metadata-cache.service';
import {VoterPipeline} from '../services/voter-pipeline.service';
import {defaultMetadataFor} from '../routes/route-checks.options';
import {
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationMetadata,
} from '../types';
import {
  AuthorizationDecisionRecord,
  AuthorizationVote,
  DecisionListener,
} from '../extensions';

const debug = debugFactory('loopback:authorization:interceptor');

/**
 * The global interceptor that authorizes every invocation of a method with
 * authorization metadata: it builds the authorization context, asks the
 * voters and lets the call through or throws an {@link AuthorizationError}.
 *
 * @remarks
 * It is a singleton: its options, the tagged authorizers and the metadata of
 * each method are looked up once and followed through context events,
 * instead of being resolved anew on every call.
 */
@injectable(asGlobalInterceptor('authorization'), {
  scope: BindingScope.SINGLETON,
})
export class AuthorizationInterceptor implements Provider<Interceptor> {
  private readonly options: ComponentOptions<ResolvedAuthorizationOptions>;
  private readonly voters = new VoterPipeline();
  private readonly metadata = new MetadataCache(getInvocationMetadata);
  private readonly contextBuilder = new AuthorizationContextBuilder();
  private readonly listeners = new DecisionListeners();

  /**
   * @param ctx - The context the interceptor is bound in, which holds the
   * component's configuration
   */
  constructor(@inject.context() ctx: Context) {
    this.options = new ComponentOptions(
      ctx,
      AuthorizationBindings.COMPONENT,
      completeAuthorizationOptions,
    );
  }

  /**
   * The interceptor function
   */
  value(): Interceptor {
    return this.intercept.bind(this);
  }

  /**
   * Authorize an invocation, then proceed with it
   * @param invocationCtx - The invocation
   * @param next - The rest of the interceptor chain
   */
  intercept(
    invocationCtx: InvocationContext,
    next: Next,
  ): ValueOrPromise<InvocationResult> {
    let options: ValueOrPromise<ResolvedAuthorizationOptions>;
    try {
      options = this.options.current();
    } catch (err) {
      // Malformed options: fail the call the way every other failure does
      return Promise.reject(err);
    }
    if (isPromiseLike(options)) {
      return options.then(resolved =>
        this.interceptWith(resolved, invocationCtx, next),
      );
    }
    return this.interceptWith(options, invocationCtx, next);
  }

  private interceptWith(
    options: ResolvedAuthorizationOptions,
    invocationCtx: InvocationContext,
    next: Next,
  ): ValueOrPromise<InvocationResult> {
    const metadata =
      this.metadata.get(invocationCtx.target, invocationCtx.methodName) ??
      defaultMetadataFor(options, invocationCtx);
    if (metadata == null || metadata.skip) {
      // Nothing to decide: no work, no allocation
      return next();
    }
    const listeners = this.listeners.bindings(invocationCtx);
    if (listeners.length > 0) {
      return this.authorizeWithRecord(
        options,
        metadata,
        invocationCtx,
        listeners,
      ).then(next);
    }
    return this.authorize(options, metadata, invocationCtx, next);
  }

  /**
   * Decide a call, then proceed with it; throws on a denial
   */
  private async authorize(
    options: ResolvedAuthorizationOptions,
    metadata: AuthorizationMetadata,
    invocationCtx: InvocationContext,
    next: Next,
  ): Promise<InvocationResult> {
    let authorizationCtx = this.contextBuilder.build(
      invocationCtx,
      options.hierarchy,
    );
    // Usually built at once: awaiting a value would still cost a tick
    if (isPromiseLike(authorizationCtx)) {
      authorizationCtx = await authorizationCtx;
    }
    const decision = await this.voters.vote(
      options,
      metadata,
      authorizationCtx,
    );
    if (debug.enabled) {
      debug('%s: %s', authorizationCtx.resource, decision);
    }
    if (decision === AuthorizationDecision.DENY) {
      throw this.denial(options, authorizationCtx);
    }
    return next();
  }

  /**
   * Decide a call and give its record to the decision listeners
   */
  private async authorizeWithRecord(
    options: ResolvedAuthorizationOptions,
    metadata: AuthorizationMetadata,
    invocationCtx: InvocationContext,
    listeners: readonly Readonly<Binding<DecisionListener>>[],
  ): Promise<void> {
    const started = performance.now();
    const votes: AuthorizationVote[] = [];
    let authorizationCtx: AuthorizationContext | undefined;
    let decision: AuthorizationDecision;
    const notify = (extra: Partial<AuthorizationDecisionRecord>) =>
      this.listeners.notify(listeners, invocationCtx, {
        resource: invocationCtx.targetName,
        metadata,
        principals: authorizationCtx?.principals ?? [],
        roles: authorizationCtx?.roles.map(role => role.name) ?? [],
        scopes: authorizationCtx?.scopes ?? [],
        votes,
        decision: AuthorizationDecision.DENY,
        durationMs: performance.now() - started,
        ...extra,
      });
    try {
      authorizationCtx = await this.contextBuilder.build(
        invocationCtx,
        options.hierarchy,
      );
      decision = await this.voters.vote(
        options,
        metadata,
        authorizationCtx,
        votes,
      );
    } catch (err) {
      // Who was refused matters most when something failed
      const principals =
        authorizationCtx?.principals ??
        (await this.contextBuilder.principalsOf(invocationCtx));
      await notify({error: err as Error, principals});
      throw err;
    }
    await notify({
      decision: decision as AuthorizationDecisionRecord['decision'],
    });
    if (decision === AuthorizationDecision.DENY) {
      throw this.denial(options, authorizationCtx);
    }
  }

  /**
   * The error of a denial: 403 (or `defaultStatusCodeForDeny`), or, with the
   * `anonymousDenial` option and no user, 401 with a challenge
   */
  private denial(
    options: ResolvedAuthorizationOptions,
    authorizationCtx: AuthorizationContext,
  ) {
    const anonymous = options.anonymousDenial;
    if (anonymous == null || authorizationCtx.principals.length > 0) {
      return createAuthorizationError(
        'Access denied',
        options.defaultStatusCodeForDeny,
      );
    }
    const error = createAuthorizationError(
      'Authentication required',
      anonymous.statusCode ?? 401,
    );
    const challenge = anonymous.wwwAuthenticate ?? 'Bearer';
    error.headers = {'WWW-Authenticate': challenge};
    // LoopBack's error writer ignores `error.headers`: set it on the
    // response, but only for the route's own method, whose error the client
    // gets; a nested call's denial may be caught by its caller
    const invocationCtx = authorizationCtx.invocationContext;
    if (invocationCtx.source?.type === 'route') {
      const response = invocationCtx.getSync(
        AuthorizationBindings.HTTP_RESPONSE,
        {optional: true},
      );
      if (response && !response.headersSent) {
        response.setHeader('WWW-Authenticate', challenge);
      }
    }
    return error;
  }
}

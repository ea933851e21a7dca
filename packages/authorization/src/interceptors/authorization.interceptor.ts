// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  asGlobalInterceptor,
  BindingAddress,
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
import {getAuthorizationMetadata} from '../decorators/authorize.decorator';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {AuthorizationBindings, AuthorizationTags} from '../keys';
import {AuthorizationContextBuilder} from '../services/authorization-context.service';
import {
  completeAuthorizationOptions,
  ComponentOptions,
  ResolvedAuthorizationOptions,
} from '../services/component-options.service';
import {DecisionListeners} from '../services/decision-listeners.service';
import {MetadataCache} from '../services/metadata-cache.service';
import {TaggedValues} from '../services/tagged-values.service';
import {
  checkVote,
  checkVoter,
  timeoutError,
  voterName,
  VoterSource,
  withTimeout,
} from '../services/vote';
import {
  AuthorizationContext,
  AuthorizationDecision,
  AuthorizationDecisionRecord,
  AuthorizationMetadata,
  AuthorizationVote,
  Authorizer,
} from '../types';

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
  private readonly authorizers = new TaggedValues<Authorizer>(
    AuthorizationTags.AUTHORIZER,
  );
  private readonly metadata = new MetadataCache(getAuthorizationMetadata);
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
      options.defaultMetadata;
    if (metadata == null || metadata.skip) {
      // Nothing to decide: no work, no allocation
      return next();
    }
    return this.authorize(options, metadata, invocationCtx).then(next);
  }

  private async authorize(
    options: ResolvedAuthorizationOptions,
    metadata: AuthorizationMetadata,
    invocationCtx: InvocationContext,
  ): Promise<void> {
    const listeners = this.listeners.bindings(invocationCtx);
    // Records are built only for listeners: no cost when nobody listens
    const started = listeners.length ? performance.now() : 0;
    const votes: AuthorizationVote[] | undefined = listeners.length
      ? []
      : undefined;
    let authorizationCtx: AuthorizationContext | undefined;
    let decision: AuthorizationDecision;
    try {
      authorizationCtx = await this.contextBuilder.build(
        invocationCtx,
        options.hierarchy,
      );
      decision = await this.vote(options, metadata, authorizationCtx, votes);
    } catch (err) {
      if (votes) {
        const record = this.record(metadata, authorizationCtx, invocationCtx);
        await this.listeners.notify(listeners, invocationCtx, {
          ...record,
          votes,
          decision: AuthorizationDecision.DENY,
          error: err as Error,
          durationMs: performance.now() - started,
        });
      }
      throw err;
    }
    if (debug.enabled) {
      debug('%s: %s', authorizationCtx.resource, decision);
    }
    if (votes) {
      await this.listeners.notify(listeners, invocationCtx, {
        ...this.record(metadata, authorizationCtx, invocationCtx),
        votes,
        decision: decision as AuthorizationDecisionRecord['decision'],
        durationMs: performance.now() - started,
      });
    }
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
    // LoopBack's error writer ignores `error.headers`: set it on the response
    const response = authorizationCtx.invocationContext.getSync(
      AuthorizationBindings.HTTP_RESPONSE,
      {optional: true},
    );
    if (response && !response.headersSent) {
      response.setHeader('WWW-Authenticate', challenge);
    }
    return error;
  }

  private record(
    metadata: AuthorizationMetadata,
    authorizationCtx: AuthorizationContext | undefined,
    invocationCtx: InvocationContext,
  ) {
    return {
      resource: invocationCtx.targetName,
      metadata,
      principals: authorizationCtx?.principals ?? [],
      roles: authorizationCtx?.roles.map(role => role.name) ?? [],
      scopes: authorizationCtx?.scopes ?? [],
    };
  }

  /**
   * Ask the voters of the metadata, then the tagged ones, until one votes the
   * `precedence` decision or none is left
   */
  private async vote(
    options: ResolvedAuthorizationOptions,
    metadata: AuthorizationMetadata,
    authorizationCtx: AuthorizationContext,
    votes: AuthorizationVote[] | undefined,
  ): Promise<AuthorizationDecision> {
    const invocationCtx = authorizationCtx.invocationContext;
    let decision: AuthorizationDecision | undefined;
    const cast = async (voter: unknown, source: VoterSource) => {
      checkVoter(voter, source, authorizationCtx.resource);
      const pending = voter(authorizationCtx, metadata);
      const vote = checkVote(
        options.voterTimeout
          ? await withTimeout(pending, options.voterTimeout, () =>
              timeoutError(source, authorizationCtx.resource, options),
            )
          : await pending,
        source,
        authorizationCtx.resource,
      );
      votes?.push({voter: voterName(source), decision: vote});
      if (debug.enabled) {
        debug(
          '%s: %s voted %s',
          authorizationCtx.resource,
          voterName(source),
          vote,
        );
      }
      if (vote !== AuthorizationDecision.ABSTAIN) decision = vote;
      return vote === options.precedence;
    };
    for (const voter of metadata.voters ?? []) {
      if (typeof voter === 'function') {
        if (await cast(voter, voter)) return options.precedence;
        continue;
      }
      const binding = this.voterBinding(voter, invocationCtx, authorizationCtx);
      const fn = await this.authorizers.value(binding, invocationCtx);
      if (await cast(fn, binding)) return options.precedence;
    }
    for (const binding of this.authorizers.bindings(invocationCtx)) {
      const fn = await this.authorizers.value(binding, invocationCtx);
      if (await cast(fn, binding)) return options.precedence;
    }
    return decision ?? options.defaultDecision;
  }

  private voterBinding(
    key: BindingAddress<Authorizer>,
    invocationCtx: InvocationContext,
    authorizationCtx: AuthorizationContext,
  ) {
    const binding = invocationCtx.getBinding(key, {optional: true});
    if (binding == null) {
      throw createAuthorizationError(
        `Voter binding "${key.toString()}" of ${authorizationCtx.resource} ` +
          'is not bound',
        500,
        AuthorizationErrorCode.INVALID_VOTER,
      );
    }
    return binding;
  }
}

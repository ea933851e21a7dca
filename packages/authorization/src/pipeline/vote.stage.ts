// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  BindingAddress,
  BindingKey,
  InvocationContext,
  ValueOrPromise,
} from '@loopback/core';
import debugFactory from 'debug';
import {
  AuthorizationDecision,
  AuthorizationVerdict,
  AuthorizerResult,
} from '../contracts/decision';
import {AuthorizationVote} from '../contracts/decision-record';
import {AuthorizationMetadata, MetadataVoter} from '../contracts/metadata';
import {AuthorizationErrorCode, createAuthorizationError} from '../errors';
import {valueOf} from '../helpers/bound-value';
import {describeValue} from '../helpers/describe-value';
import {findTagged} from '../helpers/tagged-bindings';
import {ResolvedAuthorizationOptions} from '../options/options.reader';

const debug = debugFactory('loopback:authorization:voters');

const NO_VOTERS: readonly never[] = Object.freeze([]);
const NO_VOTES: readonly AuthorizationVote[] = Object.freeze([]);

/**
 * The outcome of the vote: the decision, the votes cast (when asked to
 * record them) and the error that stopped the vote, if any
 */
export interface Ballot {
  /**
   * The decision; Deny when the vote failed
   */
  readonly decision: AuthorizationDecision;
  /**
   * The votes cast, in order, up to the failure if any
   */
  readonly votes: readonly AuthorizationVote[];
  /**
   * What stopped the vote
   */
  readonly error?: unknown;
}

/**
 * Stage 3, the voters of a call, in the order they are asked: those given
 * to `@authorize` (functions, or keys looked up in the invocation context),
 * then the authorizers the invocation context sees now. Each is resolved
 * only when its turn comes, so an earlier decisive vote leaves the later
 * ones unresolved.
 *
 * @remarks
 * Each voter keeps where it came from: a key given to `@authorize` is always
 * looked up, whatever object stands for it, and only a binding found by tag
 * is read directly.
 */
export class CallVoters {
  private readonly given: readonly (
    MetadataVoter | BindingAddress<MetadataVoter>
  )[];
  private readonly tagged: readonly Readonly<Binding<MetadataVoter>>[];

  /**
   * @param metadata - The metadata in force
   * @param invocationCtx - The invocation
   */
  constructor(
    metadata: AuthorizationMetadata,
    private readonly invocationCtx: InvocationContext,
  ) {
    this.given = metadata.voters ?? NO_VOTERS;
    this.tagged = findTagged<MetadataVoter>(invocationCtx, 'authorizers');
  }

  /**
   * How many voters the call has
   */
  get length(): number {
    return this.given.length + this.tagged.length;
  }

  /**
   * Where the i-th voter came from, to name it
   * @param i - Its place in the order
   */
  source(i: number): VoterSource {
    return i < this.given.length
      ? this.given[i]
      : this.tagged[i - this.given.length];
  }

  /**
   * The i-th voter itself: a function given to `@authorize` as it is, a key
   * given to it resolved from the invocation context, a binding found by
   * tag read from that binding
   * @param i - Its place in the order
   * @param resource - The method being authorized, for the error
   */
  resolve(i: number, resource: string): ValueOrPromise<unknown> {
    if (i >= this.given.length) {
      return valueOf(this.tagged[i - this.given.length], this.invocationCtx);
    }
    const voter = this.given[i];
    if (typeof voter === 'function') return voter;
    return resolveVoterKey(voter, resource, this.invocationCtx);
  }
}

/**
 * Resolve a voter given to `@authorize` by key, from the invocation context
 */
function resolveVoterKey(
  address: BindingAddress<MetadataVoter>,
  resource: string,
  invocationCtx: InvocationContext,
): ValueOrPromise<unknown> {
  const {key, propertyPath} = BindingKey.parseKeyWithPath(address);
  const binding = invocationCtx.getBinding<MetadataVoter>(key, {
    optional: true,
  });
  if (binding == null) {
    throw createAuthorizationError(
      `Voter binding "${address.toString()}" of ${resource} is not bound`,
      500,
      AuthorizationErrorCode.INVALID_VOTER,
    );
  }
  if (propertyPath) return invocationCtx.getValueOrPromise(address);
  return valueOf(binding, invocationCtx);
}

/**
 * Stage 3, the count: takes each vote as it is cast, checked, until one
 * votes the `precedence` decision; then gives the decision, or the
 * `defaultDecision` if all abstained
 */
export class VoteCount {
  private decisive = false;
  private decision: AuthorizationDecision | undefined;
  private readonly votes: AuthorizationVote[] | undefined;

  /**
   * @param options - The options in force
   * @param resource - The method being authorized
   * @param recordVotes - Whether to keep the votes, for decision listeners
   */
  constructor(
    private readonly options: ResolvedAuthorizationOptions,
    private readonly resource: string,
    recordVotes: boolean,
  ) {
    this.votes = recordVotes ? [] : undefined;
  }

  /**
   * Count one vote; it throws on anything but a decision or a verdict
   * @param result - What the voter returned, settled
   * @param source - The voter
   */
  add(result: unknown, source: VoterSource): void {
    // Once decided, nothing can change the decision: a later vote is a bug
    // of the caller, never a reason to let a call through
    if (this.decisive) return;
    const checked = checkVote(result, source, this.resource);
    const vote = typeof checked === 'string' ? checked : checked.decision;
    if (debug.enabled) {
      debug('%s: %s voted %s', this.resource, voterName(source), vote);
    }
    if (this.votes) {
      this.votes.push(
        typeof checked === 'string'
          ? {voter: voterName(source), decision: vote}
          : {voter: voterName(source), decision: vote, reason: checked.reason},
      );
    }
    if (vote === this.options.precedence) {
      this.decision = vote;
      this.decisive = true;
    } else if (vote !== AuthorizationDecision.ABSTAIN) {
      this.decision = vote;
    }
  }

  /**
   * Whether a vote of the `precedence` decision was counted: no later voter
   * is asked
   */
  get decided(): boolean {
    return this.decisive;
  }

  /**
   * The outcome: the decisive vote, else the last vote that was not an
   * abstention, else the default decision
   */
  ballot(): Ballot {
    const votes = this.votes ?? NO_VOTES;
    return {decision: this.decision ?? this.options.defaultDecision, votes};
  }

  /**
   * The outcome of a vote that failed: Deny, with what stopped it (even
   * `undefined`, if that is what was thrown)
   * @param error - What stopped the vote
   */
  failed(error: unknown): Ballot {
    const votes = this.votes ?? NO_VOTES;
    return {decision: AuthorizationDecision.DENY, votes, error};
  }
}

/**
 * Where a voter came from: the function given to `@authorize`, or the binding
 * it was resolved from. It names the voter in errors and decision records.
 */
export type VoterSource = Function | Readonly<Binding> | BindingAddress;

/**
 * A readable name of a voter, for errors and debug output: its binding key,
 * else its function name
 * @param source - Where the voter came from
 */
export function voterName(source: VoterSource): string {
  if (typeof source === 'function') {
    return `function ${source.name || '(anonymous)'}`;
  }
  if (typeof source === 'string') return `binding "${source}"`;
  return `binding "${source.key}"`;
}

const DECISIONS: unknown[] = [
  AuthorizationDecision.ALLOW,
  AuthorizationDecision.DENY,
  AuthorizationDecision.ABSTAIN,
];

/**
 * Check the value returned by a voter: one of the three decisions, or a
 * verdict with one of them and a non-empty reason. Anything else throws.
 *
 * @remarks
 * The published package takes any value other than `Deny` as "not a denial",
 * so `'deny'`, `false` or `undefined` let the call through. Here they stop it.
 * A verdict's fields are read once, into a frozen copy, so that a getter
 * cannot answer one thing to the check and another to the record.
 *
 * @param vote - The value the voter returned
 * @param source - The voter, to name it in the error
 * @param resource - The method being authorized, to name it in the error
 */
export function checkVote(
  vote: unknown,
  source: VoterSource,
  resource: string,
): AuthorizerResult {
  if (DECISIONS.includes(vote)) return vote as AuthorizationDecision;
  if (vote != null && typeof vote === 'object' && !Array.isArray(vote)) {
    const {decision, reason} = vote as Partial<AuthorizationVerdict>;
    if (
      DECISIONS.includes(decision) &&
      typeof reason === 'string' &&
      reason !== ''
    ) {
      return Object.freeze({decision: decision!, reason});
    }
  }
  throw createAuthorizationError(
    `Invalid vote from ${voterName(source)} on ${resource}: expected ` +
      `"Allow", "Deny" or "Abstain", got ${describeValue(vote)}`,
    500,
    AuthorizationErrorCode.INVALID_VOTE,
  );
}

/**
 * Reject a voter that is not a function
 * @param voter - The resolved voter
 * @param source - Where it came from
 * @param resource - The method being authorized
 */
export function checkVoter(
  voter: unknown,
  source: VoterSource,
  resource: string,
): asserts voter is Function {
  if (typeof voter === 'function') return;
  throw createAuthorizationError(
    `Invalid voter ${voterName(source)} on ${resource}: expected an ` +
      `authorizer function, got ${describeValue(voter)}`,
    500,
    AuthorizationErrorCode.INVALID_VOTER,
  );
}

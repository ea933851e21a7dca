// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  Binding,
  BindingAddress,
  BindingKey,
  InvocationContext,
  ValueOrPromise,
} from '@loopback/core';
import debugFactory from 'debug';
import {AuthorizationContext} from '../contracts/authorizer';
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
import {isPromiseLike} from '../helpers/hot-path';
import {findTagged} from '../helpers/tagged-bindings';
import {ResolvedAuthorizationOptions} from '../options/options.reader';
import {Deadline} from './deadline';

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
 * Where a voter came from: the function given to `@authorize`, or the binding
 * it was resolved from. It names the voter in errors and decision records.
 */
export type VoterSource = Function | Readonly<Binding> | BindingAddress;

/**
 * Stage 3, the vote: ask the voters of the call in turn, those given to
 * `@authorize` (functions, or keys looked up in the invocation context), then
 * the authorizers the invocation context sees now, each resolved and checked
 * only when its turn comes, and count their votes ({@link VoteCount}) until
 * one votes the `precedence` decision; then the outcome. What stops the vote
 * (a voter that cannot be resolved or is not a function, an invalid vote, a
 * throw, the deadline) makes a failed ballot, with the votes cast until then.
 *
 * @remarks
 * Each voter keeps where it came from: a key given to `@authorize` is always
 * looked up, whatever object stands for it, and only a binding found by tag
 * is read directly. Only what is pending is awaited, as in `decide`. A voter
 * is named only under a deadline, for the error of a step that does not
 * finish in time, rather than in strings built on every call.
 *
 * @param authorizationCtx - What the voters know of the call
 * @param metadata - The metadata in force, frozen
 * @param options - The options in force
 * @param recordVotes - Whether to keep the votes, for decision listeners
 * @param deadline - The deadline of the decision, if any
 */
export async function castVotes(
  authorizationCtx: AuthorizationContext,
  metadata: AuthorizationMetadata,
  options: ResolvedAuthorizationOptions,
  recordVotes: boolean,
  deadline?: Deadline,
): Promise<Ballot> {
  // Read before any voter runs: a voter cannot rename the method or change
  // the context the later voters are resolved from
  const {resource, invocationContext} = authorizationCtx;
  const count = new VoteCount(options, resource, recordVotes);
  try {
    const given = metadata.voters ?? NO_VOTERS;
    const tagged = findTagged<MetadataVoter>(invocationContext, 'authorizers');
    const total = given.length + tagged.length;
    for (let i = 0; i < total && !count.decided; i++) {
      const byTag = i >= given.length;
      const source: VoterSource = byTag ? tagged[i - given.length] : given[i];
      let voter = byTag
        ? valueOf(tagged[i - given.length], invocationContext)
        : resolveGivenVoter(given[i], resource, invocationContext);
      if (isPromiseLike(voter)) {
        voter = await (deadline
          ? deadline.wait(voter, `resolving ${voterName(source)}`)
          : voter);
      }
      checkVoter(voter, source, resource);
      let vote: unknown = voter(authorizationCtx, metadata);
      if (isPromiseLike(vote)) {
        vote = await (deadline ? deadline.wait(vote, voterName(source)) : vote);
      }
      count.add(vote, source);
    }
    return count.ballot();
  } catch (error) {
    return count.failed(error);
  }
}

/**
 * A voter given to `@authorize`: a function as it is, a key resolved from the
 * invocation context
 */
function resolveGivenVoter(
  voter: MetadataVoter | BindingAddress<MetadataVoter>,
  resource: string,
  invocationCtx: InvocationContext,
): ValueOrPromise<unknown> {
  if (typeof voter === 'function') return voter;
  const {key, propertyPath} = BindingKey.parseKeyWithPath(voter);
  const binding = invocationCtx.getBinding<MetadataVoter>(key, {
    optional: true,
  });
  if (binding == null) {
    throw createAuthorizationError(
      `Voter binding "${voter.toString()}" of ${resource} is not bound`,
      500,
      AuthorizationErrorCode.INVALID_VOTER,
    );
  }
  if (propertyPath) return invocationCtx.getValueOrPromise(voter);
  return valueOf(binding, invocationCtx);
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

/**
 * The count: takes each vote as it is cast, checked, until one
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
      // Frozen as they are made: the record takes them as they are
      this.votes.push(
        Object.freeze(
          typeof checked === 'string'
            ? {voter: voterName(source), decision: vote}
            : {
                voter: voterName(source),
                decision: vote,
                reason: checked.reason,
              },
        ),
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
    const votes = this.votes ? Object.freeze(this.votes) : NO_VOTES;
    return {decision: this.decision ?? this.options.defaultDecision, votes};
  }

  /**
   * The outcome of a vote that failed: Deny, with what stopped it (even
   * `undefined`, if that is what was thrown)
   * @param error - What stopped the vote
   */
  failed(error: unknown): Ballot {
    return failedBallot(
      error,
      this.votes ? Object.freeze(this.votes) : NO_VOTES,
    );
  }
}

/**
 * The outcome of a decision that failed: Deny, with what stopped it
 * @param error - What stopped the decision (even `undefined`, if that is
 * what was thrown)
 * @param votes - The votes cast until then
 */
export function failedBallot(
  error: unknown,
  votes: readonly AuthorizationVote[] = NO_VOTES,
): Ballot {
  return {decision: AuthorizationDecision.DENY, votes, error};
}

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

// Copyright The loopback-security-monorepo authors. License: MIT.

import debugFactory from 'debug';
import {Permission} from './permission';
import {
  ClientApplication,
  Principal,
  securityId,
  TypedPrincipal,
  UserProfile,
} from './principal';

const debug = debugFactory('loopback:security:subject');

/**
 * Security attributes used to authenticate the subject. Such credentials
 * include passwords, Kerberos tickets, and public key certificates.
 */
export interface Credential {
  /**
   * Any attribute of the credential
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attribute: string]: any;
}

/**
 * `Subject` represents both security state and operations for a single
 * request. It's the `who` for security.
 *
 * Such operations include: - authentication (login) - authorization (access
 * control) - session access - logout
 */
export interface Subject {
  /**
   * The principals of the subject: users, applications, devices
   */
  readonly principals: Set<TypedPrincipal>;
  /**
   * The permissions granted to the subject
   */
  readonly authorities: Set<Permission>;
  /**
   * The credentials the subject authenticated with
   */
  readonly credentials: Set<Credential>;
}

/**
 * Default implementation of `Subject`
 */
export class DefaultSubject implements Subject {
  /**
   * {@inheritDoc Subject.principals}
   */
  readonly principals = new Set<TypedPrincipal>();
  /**
   * {@inheritDoc Subject.authorities}
   */
  readonly authorities = new Set<Permission>();
  /**
   * {@inheritDoc Subject.credentials}
   */
  readonly credentials = new Set<Credential>();

  /**
   * Add users to the subject, each as a principal of type `USER`
   * @param users - The user profiles
   */
  addUser(...users: UserProfile[]): void {
    for (const user of users) {
      this.addPrincipal(new TypedPrincipal(user, 'USER'));
    }
  }

  /**
   * Add a client application to the subject, as a principal of type
   * `APPLICATION`
   * @param app - The client application
   */
  addApplication(app: ClientApplication): void {
    this.addPrincipal(new TypedPrincipal(app, 'APPLICATION'));
  }

  private addPrincipal(principal: TypedPrincipal) {
    this.principals.add(principal);
    if (debug.enabled) debug('Principal added: %s', principal[securityId]);
  }

  /**
   * Add permissions granted to the subject
   * @param authorities - The permissions
   */
  addAuthority(...authorities: Permission[]): void {
    for (const authority of authorities) {
      this.authorities.add(authority);
      if (debug.enabled) debug('Authority added: %s', authority[securityId]);
    }
  }

  /**
   * Add credentials the subject authenticated with
   * @param credentials - The credentials
   */
  addCredential(...credentials: Credential[]): void {
    for (const credential of credentials) {
      this.credentials.add(credential);
    }
  }

  /**
   * Get the first principal of a type, in the order they were added
   * @param type - The principal type, for example `USER`
   * @returns The principal, or `undefined` if there is none of that type
   */
  getPrincipal(type: string): Principal | undefined {
    for (const typed of this.principals) {
      if (typed.type === type) return typed.principal;
    }
    return undefined;
  }

  /**
   * The first user of the subject, or `undefined` for an anonymous subject
   */
  get user(): UserProfile | undefined {
    return this.getPrincipal('USER') as UserProfile | undefined;
  }
}

// Copyright The loopback-security-monorepo authors. License: MIT.

import {BindingKey} from '@loopback/core';
import {UserProfile} from './principal';
import {Subject} from './subject';

/**
 * Binding keys for security related metadata
 */
export namespace SecurityBindings {
  /**
   * Binding key for the subject of the current request. An authentication
   * step binds it; authorization reads it.
   */
  export const SUBJECT = BindingKey.create<Subject>('security.subject');

  /**
   * Binding key for the profile of the current user. The key string is the one
   * that every LoopBack extension uses, so authentication strategies and
   * authorizers from different packages meet here.
   */
  export const USER = BindingKey.create<UserProfile>('security.user');
}

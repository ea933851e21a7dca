// Copyright The loopback-security-monorepo authors. License: MIT.

// Adds the field the policy voter reads to `@authorize` metadata.

declare module '@loopback/authorization' {
  interface AuthorizationMetadata {
    /**
     * The action the method performs on its `resource`, such as `read` or
     * `update`, for the policy voter of `@loopback/authorization-policy`.
     * Methods with `resource` and `action` are decided by the policy rules;
     * without `action` the policy voter abstains.
     */
    action?: string;
  }
}

export {};

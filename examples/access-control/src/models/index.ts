// Copyright The loopback-security-monorepo authors. License: MIT.

export * from './order.model';
export * from './user.model';

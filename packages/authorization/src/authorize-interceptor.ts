// Copyright The loopback-security-monorepo authors. License: MIT.

// The module path of the published package that held the interceptor, kept
// so that `@loopback/authorization/dist/authorize-interceptor` resolves.

export {AuthorizationInterceptor} from './pipeline/authorization.interceptor';

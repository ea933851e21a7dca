// Copyright The loopback-security-monorepo authors. License: MIT.

// The module path of the published package that held the component, kept so
// that `@loopback/authorization/dist/authorization-component` resolves.

export {AuthorizationComponent} from './authorization.component';

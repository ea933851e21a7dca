// Copyright The loopback-security-monorepo authors. License: MIT.

// The module path of the published package that held this function, kept so
// that `@loopback/authorization/dist/util` resolves. It lives in principal.ts.

export {createPrincipalFromUserProfile} from './pipeline/caller.stage';

// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationComponent,
  AuthorizationTags,
  authorize,
} from '@loopback/authorization';
import {
  AuthorizationComponent as PublishedAuthorizationComponent,
  AuthorizationTags as PublishedAuthorizationTags,
  authorize as publishedAuthorize,
  Authorizer as PublishedAuthorizer,
} from '@loopback/authorization-published';
import {get, RestApplication} from '@loopback/rest';
import {SecurityBindings} from '@loopback/security';
import {
  BENCHMARK_METADATA,
  BENCHMARK_USER,
  benchmarkVoters,
  denyVoter,
} from '../fixtures';
import {
  ALLOWED_PATH,
  DENIED_PATH,
  SERVER_VARIANTS,
  ServerCommand,
  ServerReport,
  ServerVariant,
} from './protocol';

const DENIED_METADATA = {...BENCHMARK_METADATA, voters: [denyVoter]};

/**
 * The routes of the servers without authorization and with ours: the same
 * metadata, which only our component acts on
 */
class OurController {
  @get(ALLOWED_PATH)
  @authorize(BENCHMARK_METADATA)
  async hello() {
    return 'Hello';
  }

  @get(DENIED_PATH)
  @authorize(DENIED_METADATA)
  async denied() {
    return 'Hello';
  }
}

class PublishedController {
  @get(ALLOWED_PATH)
  @publishedAuthorize(BENCHMARK_METADATA)
  async hello() {
    return 'Hello';
  }

  @get(DENIED_PATH)
  @publishedAuthorize({
    ...DENIED_METADATA,
    voters: [denyVoter as unknown as PublishedAuthorizer],
  })
  async denied() {
    return 'Hello';
  }
}

/**
 * Build the application of a server: a `RestApplication` on 127.0.0.1 whose
 * middleware binds the user in every request context, as authentication
 * would, and whose controller has an allowed and a denied route.
 *
 * @param variant - Which authorization, if any
 * @param voterCount - How many voters to bind; the last allows
 * @param port - The port, 0 for any free one
 */
export function createServerApplication(
  variant: ServerVariant,
  voterCount: number,
  port = 0,
): RestApplication {
  const app = new RestApplication({rest: {host: '127.0.0.1', port}});
  app.middleware((ctx, next) => {
    ctx.bind(SecurityBindings.USER).to(BENCHMARK_USER);
    return next();
  });
  let tag: string | undefined;
  switch (variant) {
    case 'none':
      app.controller(OurController);
      break;
    case 'published':
      app.component(PublishedAuthorizationComponent);
      tag = PublishedAuthorizationTags.AUTHORIZER;
      app.controller(PublishedController);
      break;
    case 'ours':
      app.component(AuthorizationComponent);
      tag = AuthorizationTags.AUTHORIZER;
      app.controller(OurController);
      break;
  }
  benchmarkVoters(voterCount).forEach((voter, i) => {
    const binding = app.bind(`voters.v${i + 1}`).to(voter);
    if (tag != null) binding.tag(tag);
  });
  return app;
}

/**
 * Start a server, print its port and, when started by the benchmark, answer
 * its commands over IPC
 *
 * @param argv - The variant and the voter count, as on the command line:
 * `node dist/http/server.js ours 10`
 */
export async function startServer(argv: readonly string[]): Promise<void> {
  const variant = argv[0] as ServerVariant;
  if (!SERVER_VARIANTS.includes(variant)) {
    throw new Error(
      `Usage: server.js ${SERVER_VARIANTS.join('|')} [voters] [port]`,
    );
  }
  const app = createServerApplication(
    variant,
    Number(argv[1] ?? 10),
    Number(argv[2] ?? 0),
  );
  await app.start();
  const port = app.restServer.url ? new URL(app.restServer.url).port : '';
  console.log(Number(port));
  const exit = () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // A clean exit, so that `node --cpu-prof` writes its profile
  process.once('SIGINT', exit).once('SIGTERM', exit);
  const send = process.send?.bind(process);
  if (send == null) return;
  let since = process.cpuUsage();
  const report = (message: ServerReport) => send(message);
  process.on('message', (command: ServerCommand) => {
    switch (command.type) {
      case 'start':
        since = process.cpuUsage();
        report({type: 'started'});
        break;
      case 'stop': {
        const {user, system} = process.cpuUsage(since);
        report({type: 'cpu', user, system});
        break;
      }
      case 'exit':
        exit();
        break;
    }
  });
  process.on('disconnect', () => process.exit(0));
  report({type: 'ready', port: Number(port)});
}

if (require.main === module) {
  startServer(process.argv.slice(2)).catch(err => {
    console.error('Cannot start the server:', err);
    process.exit(1);
  });
}

// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Calls one variant in a loop, for a CPU profile of it alone:
 * `node --cpu-prof --cpu-prof-dir=results/profile dist/profile.js`, then
 * `node dist/profile-summary.js results/profile`. By default our package
 * with 10 voters and a user.
 *
 * Environment: `BENCH_PROFILE_VARIANT` (baseline, published, ours, floor or lookups),
 * `BENCH_PROFILE_VOTERS` (10), `BENCH_PROFILE_USER` (1; 0 for no user),
 * `BENCH_PROFILE_SECONDS` (10).
 *
 * @packageDocumentation
 */

import {benchmarkVoters} from './fixtures';
import {ContenderName, createInvocationVariant} from './invocation-variants';
import {timeCalls} from './rounds';

/**
 * Call a variant for a while and print its µs per call
 *
 * @param env - The environment, `process.env` by default
 */
export async function profileVariant(
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const name = (env.BENCH_PROFILE_VARIANT ?? 'ours') as ContenderName;
  const voters = Number(env.BENCH_PROFILE_VOTERS ?? 10);
  const withUser = env.BENCH_PROFILE_USER !== '0';
  const seconds = Number(env.BENCH_PROFILE_SECONDS ?? 10);
  const variant = createInvocationVariant(name, {
    voters: benchmarkVoters(voters),
    withUser,
  });
  await timeCalls(variant, 2000);
  const until = Date.now() + seconds * 1000;
  let calls = 0;
  let wall = 0;
  while (Date.now() < until) {
    wall += (await timeCalls(variant, 1000)).wall;
    calls++;
  }
  console.log(
    `${name}, ${voters} voters, ${withUser ? 'with' : 'without'} a user: ` +
      `${(wall / calls).toFixed(2)} µs/call over ${calls * 1000} calls`,
  );
}

if (require.main === module) {
  profileVariant().catch(err => {
    console.error(err);
    process.exit(1);
  });
}

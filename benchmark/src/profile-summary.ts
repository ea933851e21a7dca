// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Summarizes a V8 CPU profile (`.cpuprofile`, as written by
 * `node --cpu-prof`): the functions with the most self time, and the self
 * time of each package. `node dist/profile-summary.js <file or folder>
 * [count]`; given a folder, it reads the newest profile in it.
 *
 * @packageDocumentation
 */

import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';

/**
 * The parts of a `.cpuprofile` that the summary reads
 */
export interface CpuProfile {
  /**
   * The call tree
   */
  nodes: {
    id: number;
    callFrame: {functionName: string; url: string; lineNumber: number};
    children?: number[];
  }[];
  /**
   * The node of each sample
   */
  samples: number[];
  /**
   * Microseconds before each sample
   */
  timeDeltas: number[];
}

/**
 * Self time of a function or a package
 */
export interface SelfTime {
  /**
   * The function (`name file:line`) or the package
   */
  name: string;
  /**
   * Self time, in microseconds
   */
  microseconds: number;
  /**
   * Share of the profile's time
   */
  share: number;
}

/**
 * Where a script comes from: our packages by folder, dependencies by
 * package name, Node.js itself, or V8's own entries such as the garbage
 * collector
 *
 * @param url - The script URL of a call frame
 * @param functionName - Its function name
 */
export function origin(url: string, functionName: string): string {
  if (url === '') return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  if (url.startsWith('node:')) return 'node';
  const file = url.replace(/^file:\/\//, '');
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (dependency) return dependency[1];
  const ours = /\/(packages\/[^/]+|benchmark)\//.exec(file);
  return ours ? ours[1] : file;
}

/**
 * Add up the self time of each function and each origin
 *
 * @param profile - The profile
 */
export function summarizeProfile(
  profile: CpuProfile,
  inclusiveOrigin = 'packages/authorization',
): {
  functions: SelfTime[];
  origins: SelfTime[];
  inclusive: SelfTime[];
  totalMicroseconds: number;
} {
  const byNode = new Map(profile.nodes.map(node => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  const functions = new Map<string, number>();
  const origins = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    const delta = profile.timeDeltas[i] ?? 0;
    if (frame == null) return;
    total += delta;
    const name = frameName(frame);
    functions.set(name, (functions.get(name) ?? 0) + delta);
    const from = origin(frame.url, frame.functionName);
    origins.set(from, (origins.get(from) ?? 0) + delta);
    // Total time: every function of the origin on the stack, once
    const seen = new Set<string>();
    for (let n: number | undefined = id; n != null; n = parents.get(n)) {
      const f = byNode.get(n)?.callFrame;
      if (f == null || origin(f.url, f.functionName) !== inclusiveOrigin) {
        continue;
      }
      const fn = frameName(f);
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + delta);
    }
  });
  const sorted = (map: Map<string, number>) =>
    [...map]
      .map(([name, microseconds]) => ({
        name,
        microseconds,
        share: total > 0 ? microseconds / total : 0,
      }))
      .sort((a, b) => b.microseconds - a.microseconds);
  return {
    functions: sorted(functions),
    origins: sorted(origins),
    inclusive: sorted(inclusive),
    totalMicroseconds: total,
  };
}

function frameName(frame: CpuProfile['nodes'][number]['callFrame']) {
  const file = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/(packages|benchmark|node_modules)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function newestProfile(target: string): string {
  if (!statSync(target).isDirectory()) return target;
  const files = readdirSync(target)
    .filter(file => file.endsWith('.cpuprofile'))
    .map(file => path.join(target, file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`No .cpuprofile in ${target}`);
  return files[0];
}

if (require.main === module) {
  const file = newestProfile(process.argv[2] ?? 'results/profile');
  const count = Number(process.argv[3] ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const summary = summarizeProfile(profile);
  const line = (t: SelfTime) =>
    `${(t.share * 100).toFixed(1).padStart(5)}%  ${(t.microseconds / 1000)
      .toFixed(0)
      .padStart(6)} ms  ${t.name}`;
  console.log(`${file}: ${(summary.totalMicroseconds / 1e6).toFixed(1)} s`);
  console.log('\nSelf time by origin:');
  summary.origins.slice(0, 12).forEach(t => console.log(line(t)));
  console.log(`\nTop ${count} functions by self time:`);
  summary.functions.slice(0, count).forEach(t => console.log(line(t)));
  console.log('\nTotal time (self and callees) of packages/authorization:');
  summary.inclusive.slice(0, count).forEach(t => console.log(line(t)));
}

// Copyright The loopback-security-monorepo authors. License: MIT.

import {RatioSpread} from './statistics';

/*
 * How the report writes its figures, shared by its tables and lines
 */

/**
 * Microseconds with two decimals below 100, one above; `n/a` when not finite
 */
export function microseconds(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toFixed(Math.abs(value) < 100 ? 2 : 1);
}

/**
 * Microseconds with their sign, such as `+1.25`
 */
export function signedMicroseconds(value: number): string {
  return (value >= 0 ? '+' : '') + microseconds(value);
}

/**
 * A duration given in nanoseconds, in the unit that suits it: `85 ns`,
 * `1.4 µs`, `2.6 ms`, `1.2 s`
 */
export function nanoseconds(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1e9) return `${(value / 1e9).toFixed(1)} s`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} ms`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} µs`;
  return `${value.toFixed(0)} ns`;
}

/**
 * A rate, in thousands from 10,000 on (`58.2k`)
 */
export function perSecond(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 10000
    ? `${(value / 1000).toFixed(1)}k`
    : Math.round(value).toLocaleString('en-US');
}

/**
 * A ratio, such as `0.18×`
 */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/**
 * A ratio's median with the range of its middle half over the rounds, such
 * as `0.18× (0.15–0.22)`
 */
export function ratioWithSpread(spread: RatioSpread): string {
  if (!Number.isFinite(spread.median)) return 'n/a';
  return `${ratio(spread.median)} (${spread.low.toFixed(2)}–${spread.high.toFixed(2)})`;
}

/**
 * A share, such as `93.2%`
 */
export function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : 'n/a';
}

/**
 * A Markdown table
 * @param header - The cells of the header
 * @param rows - The cells of each row
 */
export function table(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows];
  return lines.map(cells => `| ${cells.join(' | ')} |`).join('\n');
}

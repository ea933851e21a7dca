// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Describe a value for an error message: its kind and a short rendering, such
 * as `"ADMIN"`, `number 42`, `array ["a",1]`, `object {"a":1}`,
 * `function check`, `null` or `undefined`. A string, an array or an object is
 * cut at 80 characters (a caller's value of any size never makes an error of
 * that size), and one that JSON cannot render (a cycle, a `BigInt` inside) is
 * named by its tag, so describing a value never throws.
 *
 * @remarks
 * Exported so that every package of the project names a bad value the same
 * way in its errors (`"roles" must be an array of strings, got object {...}`).
 *
 * @param value - Any value
 * @returns The description
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return cut(JSON.stringify(value));
  if (typeof value === 'function') {
    return `function ${value.name || '(anonymous)'}`;
  }
  if (typeof value === 'object') {
    let text: string;
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
    return `${Array.isArray(value) ? 'array' : 'object'} ${cut(text)}`;
  }
  return `${typeof value} ${String(value)}`;
}

function cut(text: string): string {
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

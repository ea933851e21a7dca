// Copyright The loopback-security-monorepo authors. License: MIT.

// Internal: not exported by the package index.

/**
 * Describe a value for an error message: its type and a short rendering
 * @param value - Any value
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
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
    if (text.length > 80) text = text.slice(0, 77) + '...';
    return `${Array.isArray(value) ? 'array' : 'object'} ${text}`;
  }
  return `${typeof value} ${String(value)}`;
}

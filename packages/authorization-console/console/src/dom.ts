// Copyright The loopback-security-monorepo authors. License: MIT.

// Every element of the console is built here, and every text from the
// server goes in as text (`textContent`, attribute values): nothing the
// server sends is ever parsed as HTML.

/**
 * What an element is made with
 */
export interface ElementSpec {
  /** CSS classes */
  class?: string;
  /** Its text */
  text?: string;
  /** Attributes, set as values */
  attrs?: Record<string, string>;
  /** Event listeners */
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

/**
 * Make an element
 * @param tag - The tag name
 * @param spec - Its classes, text, attributes and listeners
 * @param children - Its children: elements or strings (as text)
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  spec: ElementSpec = {},
  children: (Node | string | undefined | false)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (spec.class) element.className = spec.class;
  if (spec.text !== undefined) element.textContent = spec.text;
  for (const [name, value] of Object.entries(spec.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  for (const [name, listener] of Object.entries(spec.on ?? {})) {
    if (listener) element.addEventListener(name, listener);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(
      typeof child === 'string' ? document.createTextNode(child) : child,
    );
  }
  return element;
}

/**
 * Replace the children of an element
 * @param parent - The element
 * @param children - The new children
 */
export function replace(parent: Element, ...children: (Node | string)[]): void {
  parent.replaceChildren(...children);
}

/**
 * A labelled form field: a label, the control and a place for its error
 * @param id - The control's id
 * @param label - The label text
 * @param control - The control
 * @param hint - A hint under the label, if any
 */
export function field(
  id: string,
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLDivElement {
  control.id = id;
  const error = el('p', {
    class: 'field-error',
    attrs: {id: `${id}-error`, 'aria-live': 'polite'},
  });
  control.setAttribute('aria-describedby', `${id}-error`);
  return el('div', {class: 'field', attrs: {'data-field': id}}, [
    el('label', {text: label, attrs: {for: id}}),
    hint ? el('p', {class: 'hint', text: hint}) : undefined,
    control,
    error,
  ]);
}

/**
 * Show or clear the error of a field made by {@link field}
 * @param id - The control's id
 * @param message - The error; empty to clear it
 */
export function setFieldError(id: string, message: string): void {
  const control = document.getElementById(id);
  const error = document.getElementById(`${id}-error`);
  if (!control || !error) return;
  error.textContent = message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/**
 * A text input
 * @param attrs - Its attributes
 */
export function input(attrs: Record<string, string> = {}): HTMLInputElement {
  return el('input', {attrs: {type: 'text', autocomplete: 'off', ...attrs}});
}

/**
 * A select with options
 * @param options - The values, and their labels
 */
export function select(options: [string, string][]): HTMLSelectElement {
  return el(
    'select',
    {},
    options.map(([value, label]) =>
      el('option', {text: label, attrs: {value}}),
    ),
  );
}

/**
 * A comma-separated list as an array of trimmed, non-empty items
 * @param text - The list
 */
export function list(text: string): string[] {
  return text
    .split(',')
    .map(item => item.trim())
    .filter(item => item !== '');
}

/**
 * A status line that screen readers announce
 * @param id - Its id
 */
export function statusLine(id: string): HTMLParagraphElement {
  return el('p', {class: 'status', attrs: {id, role: 'status'}});
}

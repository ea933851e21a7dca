// Copyright The loopback-security-monorepo authors. License: MIT.

// An API Documenter plugin (see api-documenter.json beside it). API
// Documenter names a page after the item's name, so a function and a
// namespace of the same name, `authorize(spec)` and `authorize.allow()`, get
// the same file, and the namespace's page replaced the function's: the
// package page linked `authorize(spec)` to a page that never described it.
// This plugin writes every item meant for one file into it: the function
// first, then the namespace.
'use strict';
const {MarkdownDocumenterFeature} = require('@microsoft/api-documenter');

// The order of the parts of a shared page
const KIND_ORDER = ['Function', 'Class', 'Interface', 'TypeAlias', 'Variable'];
const rank = kind => {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
};

/**
 * The part of a page after its generated header (the "do not edit" comment
 * and the breadcrumb), from its first heading on
 * @param {string} content - A page
 */
function body(content) {
  const heading = content.search(/^## /m);
  return heading < 0 ? content : content.slice(heading);
}

class MergedPagesFeature extends MarkdownDocumenterFeature {
  onInitialized() {
    /** @type {Map<string, {kind: string, content: string}[]>} */
    this.pages = new Map();
  }

  onBeforeWritePage(eventArgs) {
    const parts = this.pages.get(eventArgs.outputFilename) ?? [];
    parts.push({kind: eventArgs.apiItem.kind, content: eventArgs.pageContent});
    this.pages.set(eventArgs.outputFilename, parts);
    if (parts.length === 1) return;
    const [first, ...others] = [...parts].sort(
      (a, b) => rank(a.kind) - rank(b.kind),
    );
    eventArgs.pageContent =
      [
        first.content.trimEnd(),
        ...others.map(part => body(part.content).trimEnd()),
      ].join('\n\n') + '\n';
  }
}

module.exports.apiDocumenterPluginManifest = {
  manifestVersion: 1000,
  features: [
    {
      featureName: 'merged-pages',
      kind: 'MarkdownDocumenterFeature',
      subclass: MergedPagesFeature,
    },
  ],
};

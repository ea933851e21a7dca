// Copyright The loopback-security-monorepo authors. License: MIT.

// Reads the code of a README as the install check uses it: the fenced blocks
// of one section, so that the application the check builds is the one the
// README shows, and a README that stops working fails CI.
'use strict';
const fs = require('node:fs');

/**
 * The fenced code blocks in the text of one section of a Markdown file: from
 * its heading to the next heading of any level, so that a subsection's
 * blocks are not taken with its parent's
 * @param {string} file - The Markdown file
 * @param {string} heading - The heading line, such as `## Basic use`
 * @param {string} language - The language of the fence, such as `ts`
 * @returns {string[]} The blocks, in order, without their fences
 */
function sectionBlocks(file, heading, language) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`${file} has no heading "${heading}"`);
  const blocks = [];
  let block;
  for (const line of lines.slice(start + 1)) {
    if (block) {
      if (line.trim() === '```') {
        if (block.language === language) blocks.push(block.lines.join('\n'));
        block = undefined;
      } else {
        // A block inside a list item is indented as its fence is
        block.lines.push(line.slice(block.indent));
      }
      continue;
    }
    if (/^#{1,6} /.test(line)) break;
    const fence = /^( *)```(\w*)\s*$/.exec(line);
    if (fence) {
      block = {indent: fence[1].length, language: fence[2], lines: []};
    }
  }
  if (blocks.length === 0) {
    throw new Error(`${file}, "${heading}": no \`\`\`${language} block`);
  }
  return blocks;
}

module.exports = {sectionBlocks};

/**
 * reStructuredText's explicit markup (`..`) and what each directive reads as: directives,
 * targets, substitution definitions and footnotes told apart, and the directives read as code,
 * as their body only, as admonitions and version notes led by a title, as object descriptions
 * headed by their signature, or dropped with their body (`toctree`, `image`, autodoc…).
 */

/** `.. name:: arguments` (a directive), with an optional domain (`py:function`). */
export const DIRECTIVE = /^\.\.\s+([\w-]+(?::[\w-]+)?)::(?:\s+(.*))?$/;
/** `.. _target:` / `.. __:` / `.. _name: url`. */
export const TARGET = /^\.\.\s+_/;
/** `.. |name| replace:: text` (and other substitution definitions). */
export const SUBSTITUTION = /^\.\.\s+\|([^|]+)\|\s+([\w-]+)::\s*(.*)$/;
/** `.. [1] text`, `.. [#] text`, `.. [#name] text`, `.. [CIT2002] text`. */
export const FOOTNOTE = /^\.\.\s+\[([^\]]+)\]\s*(.*)$/;

/** Directives whose body is code (their argument is its language). */
export const CODE = new Set([
  'code-block',
  'code',
  'sourcecode',
  'doctest',
  'testcode',
  'testoutput',
  'ipython',
  'parsed-literal',
  'prompt',
  'code-tab',
  'jupyter-execute',
  'productionlist',
]);
/**
 * Directives whose argument is a style, a layout or a file, not text: only their body is read
 * (a figure's caption and legend are prose; its image is not).
 */
export const LAYOUT = new Set([
  'figure',
  'container',
  'only',
  'grid',
  'grid-item',
  'grid-item-card',
  'tab-set',
  'tabs',
  'ifconfig',
]);
/** Directives whose argument is text of its own even without a body. */
export const ARGUMENT_TEXT = new Set(['rubric', 'centered', 'topic', 'sidebar', 'admonition']);

/** Directives whose body is prose led by a fixed title (Maps: a directive named `constructor` is none). */
export const ADMONITIONS: ReadonlyMap<string, string> = new Map([
  ['note', 'Note'],
  ['warning', 'Warning'],
  ['tip', 'Tip'],
  ['hint', 'Hint'],
  ['important', 'Important'],
  ['caution', 'Caution'],
  ['danger', 'Danger'],
  ['error', 'Error'],
  ['attention', 'Attention'],
  ['seealso', 'See also'],
  ['todo', 'To do'],
]);
/** Directives that say when something changed; their argument is a version. */
export const VERSIONS: ReadonlyMap<string, string> = new Map([
  ['versionadded', 'New in version'],
  ['versionchanged', 'Changed in version'],
  ['deprecated', 'Deprecated since version'],
  ['versionremoved', 'Removed in version'],
]);
/** Directives with nothing a reader reads (or only a file reference): dropped with their body. */
export const DROPPED = new Set([
  'toctree',
  'image',
  'include',
  'literalinclude',
  'raw',
  'index',
  'contents',
  'highlight',
  'module',
  'currentmodule',
  'meta',
  'sectnum',
  'header',
  'footer',
  'default-role',
  'role',
  'rst-class',
  'program',
  'testsetup',
  'testcleanup',
  'target-notes',
  'graphviz',
  'math',
  'comment',
  'title',
  'tabularcolumns',
  'argparse',
  'click',
]);
/** Directives of Sphinx's autodoc (`autoclass`, `automodule`…), dropped like the above. */
export const AUTODOC = /^auto/;
/** Sphinx object descriptions: their signature heads their description. */
export const OBJECTS = new Set([
  'function',
  'method',
  'classmethod',
  'staticmethod',
  'attribute',
  'property',
  'data',
  'exception',
  'decorator',
  'decoratormethod',
  'envvar',
  'option',
  'describe',
  'object',
  'class',
  'confval',
]);

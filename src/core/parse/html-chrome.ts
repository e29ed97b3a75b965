/**
 * Site chrome, which the HTML reader leaves out wherever it is: the elements whose content is
 * never the page's text (`<nav>`, `<footer>`, scripts, buttons…), the ARIA roles of navigation
 * and banners, what only a screen reader hears or a wiki adds around its content, and, outside
 * the content, elements whose class names chrome (cookie banners, footer links, breadcrumbs).
 */

/** Elements whose content is never the page's text. */
export const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'nav',
  'footer',
  'button',
  'select',
  'textarea',
  'iframe',
  'object',
  'embed',
  'canvas',
  'dialog',
  'audio',
  'video',
  'map',
  'head',
]);
/** ARIA roles of site chrome (a sidebar `<div role="navigation">`, a site footer), left out like `<nav>`. */
export const CHROME_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'menu',
  'menubar',
  'toolbar',
]);
/**
 * Classes of text only screen readers hear, of line numbers beside code, and of a wiki's
 * chrome in its content (MediaWiki's `[edit]` links in headings, its "Retrieved from" line, its
 * box of categories and navigation boxes, what it marks not to print).
 */
export const UNSEEN_CLASS =
  /(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text|skip-link|linenos|lineno|linenodiv|mw-editsection|printfooter|catlinks|mw-jump-link|navbox|noprint)(?:\s|$)/;
/** A footnote's mark in the text (`[1]` in a `<sup class="reference">`, as wikis write it). */
export const FOOTNOTE_MARK = /(?:^|\s)reference(?:\s|$)/;
/**
 * Classes of site chrome outside the content, whole names only (not `card-footer`, nor a
 * section about cookies): footers, cookie and consent banners, navigation bars, breadcrumbs.
 */
export const CHROME_CLASSES = new Set(
  'footer site-footer page-footer footer-links cookie-banner cookie-consent cookie-notice cookie-bar consent-banner gdpr-banner navbar breadcrumb breadcrumbs'.split(
    ' ',
  ),
);

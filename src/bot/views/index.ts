/**
 * The one place views become Discord payloads. Commands return plain data (a View); the views
 * escape it, mark the matched words and lay it out, and every payload goes through fitPayload
 * last, so no other module has to count characters.
 *
 * Text from the documents or from users is never trusted: control and bidirectional characters
 * are removed, markdown is escaped, anything that could ping or render as a mention, a timestamp
 * or a custom emoji gets a zero-width space (and every payload carries
 * `allowedMentions: { parse: [] }` as well), and the only unescaped `**` in a rendered string
 * are the bold marks the views add, always in pairs, never inside a link or a mention. Text is
 * cut between graphemes only (../text/cut.ts).
 */
import type { View } from '../../../commands/_contract.js';
import { fitPayload, type ReplyPayload } from '../payload.js';
import { renderAnswer, renderNothing } from './answer.js';
import { renderGaps } from './gaps.js';
import { renderNotice, renderProblem, renderReindex, renderReindexing } from './misc.js';
import { renderParagraphs } from './paragraphs.js';
import { renderSource, renderSources } from './sources.js';

export { formPayload } from '../payload.js';
export { toText } from '../text/plain.js';
export { renderChoices, renderOops } from './misc.js';

/** The Discord payload of a view, within every Discord limit. */
export function render(view: View): ReplyPayload {
  return fitPayload(layout(view));
}

function layout(view: View): ReplyPayload {
  switch (view.kind) {
    case 'answer':
      return renderAnswer(view);
    case 'nothing':
      return renderNothing(view);
    case 'paragraphs':
      return renderParagraphs(view);
    case 'sources':
      return renderSources(view);
    case 'source':
      return renderSource(view);
    case 'reindex':
      return renderReindex(view);
    case 'reindexing':
      return renderReindexing(view);
    case 'problem':
      return renderProblem(view.message);
    case 'notice':
      return renderNotice(view.message);
    case 'gaps':
      return renderGaps(view);
  }
}

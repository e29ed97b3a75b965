/**
 * The words that say why an answer has no direct answer, or no results at all: one wording for
 * every place that shows answers (the bot's views, the command line).
 */
import type { Answer } from './answer-types.js';

/** The label over results that are only related to the question. */
export const RELATED = 'Nothing in the documents answers this directly; related passages:';

/** Why there is no result at all, in one sentence. */
export function whyNothing(answer: Pick<Answer, 'empty'>): string {
  switch (answer.empty) {
    case 'no-terms':
      return 'The question has only common words: add the words that matter (a name, a place, a thing).';
    case 'not-found':
      return 'None of its words are in the documents.';
    case 'not-in-source':
      return 'The document it was limited to does not match it: ask again without choosing a document.';
    case 'weak':
      return 'Too little of the question is in the documents to answer it.';
    default:
      return 'No passage matches it well enough.';
  }
}

/**
 * What a question asks to have defined ("what is X?", "what does X mean?", "how does X work?"),
 * read in the last of its own sentences that asks it.
 */
import { ownSentences } from './query-context.js';
import { plainQuestion, withoutCourtesies } from './query-plain.js';

/**
 * What a question asks to have defined: X in "what is X?", "what's an X?", "what are Xs?",
 * "what is X for?", "what does X do?", "what does X mean (in the GPL)?", "who is X?", "what
 * does the MPL mean by X?", "what counts as X?", "what is meant by X?", "define X"; and what
 * X is for, when to use it, how it works ("when should I use X?", "how do I use X?", "how does X
 * work?", "tell me about X"); undefined for any other question, or when X is more than six words.
 */
export function definitionSubject(question: string): string | undefined {
  // The question may say where the asker stands around it ("I'm on the latest version. What
  // is X?", "What is X? Thanks!"): the last sentence that asks for a definition is read.
  const sentences = ownSentences(plainQuestion(question));
  for (let i = sentences.length - 1; i >= 0; i--) {
    const subject = subjectOf(sentences[i] as string);
    if (subject !== undefined) return subject;
  }
  return undefined;
}

/** X in one sentence asking what X is (see definitionSubject). */
function subjectOf(sentence: string): string | undefined {
  const q = withoutCourtesies(sentence)
    .trim()
    .replace(/[\s?!.]+$/u, '')
    .replace(/\s+/gu, ' ');
  const m =
    /^(?:so |and |ok,? )?(?:what|who)(?:'s|\u2019s| is| are) (?!meant by )(?:a |an |the )?(.+?)(?: for| about)?$/iu.exec(
      q,
    ) ??
    /^(?:so |and |ok,? )?what (?:does|do) (?:a |an |the )?(.+?) (?:do|mean|stand for)(?: (?:in|under) [^?]{1,60})?$/iu.exec(
      q,
    ) ??
    /^(?:so |and |ok,? )?what (?:does|do) [^?]{1,60}? mean by (?:a |an |the )?(.+)$/iu.exec(q) ??
    /^(?:so |and |ok,? )?(?:what (?:counts|qualifies) as|what is meant by|define|the meaning of|meaning of) (?:a |an |the )?(.+)$/iu.exec(
      q,
    ) ??
    // Asked what X is for, when to use it, how it works: its introduction says that too.
    /^(?:so |and |ok,? )?(?:(?:when|why) (?:should|would|do|can|must) (?:i|we|you) use|how (?:do|can|should) (?:i|we|you) use|tell me about|explain) (?:a |an |the )?(.+)$/iu.exec(
      q,
    ) ??
    /^(?:so |and |ok,? )?how (?:does|do) (?:a |an |the )?(.+?) work$/iu.exec(q);
  const subject = m?.[1]?.trim();
  if (!subject || subject.split(' ').length > 6) return undefined;
  return subject;
}

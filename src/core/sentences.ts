/**
 * Sentence splitting on display text, with offsets, so excerpts and answers quote the
 * original words. A rule-based splitter: a sentence ends at `.`, `!`, `?` or `…` (with any
 * closing quotes or brackets) followed by space and something that can start a sentence,
 * except after common abbreviations, initials and inside numbers.
 */

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

const ABBREVIATIONS = new Set(
  [
    'mr',
    'mrs',
    'ms',
    'dr',
    'prof',
    'sr',
    'jr',
    'st',
    'mt',
    'vs',
    'etc',
    'e.g',
    'i.e',
    'cf',
    'al',
    'approx',
    'no',
    'nos',
    'vol',
    'fig',
    'art',
    'sec',
    'ch',
    'p',
    'pp',
    'inc',
    'ltd',
    'co',
    'corp',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
    'gen',
    'gov',
    'sen',
    'rep',
    'u.s',
    'u.k',
    'u.n',
  ].map((a) => a.toLowerCase()),
);

/**
 * A candidate boundary: terminal punctuation, closers, then whitespace. Tried at the start of a
 * run of punctuation only (the lookbehind): from every dot of a long run it was quadratic.
 */
const BOUNDARY =
  /(?<![.!?\u2026])([.!?\u2026]+)(["'\u201D\u2019)\]]*)(\s+)|(?<![\u3002\uFF01\uFF1F])([\u3002\uFF01\uFF1F]+)([\u300D\u300F\uFF09"'\u201D\u2019)\]]*)(\s*)(?=\S)/g;
/** What may start the next sentence: a capital, a digit, a quote or bracket, a list marker. */
const STARTER = /^["'\u201C\u2018([]*[\p{Lu}\p{N}*\-•]/u;

/** An item's number or letter alone: `3.`, `4.1.`, `(b)`, `iv.` */
const ITEM_NUMBER = /^\s*\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,4})[.)]+$/i;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const at = match.index ?? 0;
    // Chinese and Japanese full stops (。！？) end a sentence whatever follows, with no space.
    const wide = match[4] !== undefined;
    const punct = (wide ? match[4] : match[1]) ?? '';
    const end = at + punct.length + ((wide ? match[5] : match[2])?.length ?? 0);
    const next = at + match[0].length;
    if (!wide && !STARTER.test(text.slice(next, next + 8))) continue;
    // A list's number opening a line (`3.`, `b)`) is no sentence: it opens the one after it.
    if (ITEM_NUMBER.test(text.slice(start, end))) continue;
    if (punct === '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, at - 12), at))?.[1]?.toLowerCase() ?? '';
      // Abbreviations ("Mr."), initials ("J."), and dotted acronyms ("U.S.") do not end a sentence.
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    pushSentence(sentences, text, start, end);
    start = next;
  }
  pushSentence(sentences, text, start, text.length);
  return sentences;
}

function pushSentence(out: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
}

/**
 * Whether a text stops where its sentence goes on: it ends with a word that leads on to more
 * (`…please send mail to`, `An individual Developer may`, `…a copy of the`, German `gefolgt
 * von`, French `suivi de`), or with a verb after a comma that brings on a command (`To update
 * your system from the command line, run`), so a line or a paragraph ending so is a sentence
 * cut short, never a heading or a term.
 */
export const leadsOn = (text: string): boolean =>
  LEADS_ON.test(text) || LEADS_ON_ELSEWHERE.test(text) || LAST_WORD_CLAUSE.test(text);

/** Whether a text leads in to what follows it: it ends with a colon ("Install with npm:"). */
export const leadsIn = (text: string): boolean => /[:\uFF1A]\s*$/.test(text);

const LEADS_ON =
  /[\s(](?:may|can|must|shall|should|will|would|could|is|are|was|were|be|to|the|a|an|of|by|for|with|using|and|or|that|which|who|whom|as|in|on|at|from|into|onto|via|than|if|when|where|whether)$/i;
/**
 * Words no sentence ends with in German, French, Spanish, Portuguese and Italian: articles,
 * prepositions, conjunctions, in lower case (`DOS`, `DES`, `MIT` end English titles); none that
 * is also a separable prefix (German `an`, `aus`) or an English word or command a title may end
 * with (`die`, `den`, `do`, `con`, `par`, `per`, `y`, `du`: "What to do", "Generation Y", "Disk
 * usage with du").
 */
const LEADS_ON_ELSEWHERE =
  /[\s(](?:von|mit|und|oder|für|der|das|dem|des|einer|eines|dass|de|la|les|et|ou|pour|avec|sur|dans|que|el|los|las|para|por|dos|ao|di|della|gli)$/u;
/**
 * A clause of one verb after a comma, or after `Then` alone, that brings on a command: `…from
 * the command line, run`, `Then run`, or such a verb alone (`See` over the links it points to);
 * not a tagline's list, `Simple, fast, reliable`, nor `Hello, world`.
 */
const LAST_WORD_CLAUSE =
  /(?:(?:,|^(?:then|now|next|finally|first|and|or))\s+(?:run|type|use|enter|execute|do|try|call|add|install|issue|invoke|say|write|put|set|specify|see)|^(?:see|run|type|enter|execute|try))$/i;

/**
 * Whether a paragraph ends like a sentence (`.`, `!`, `?`, a closing quote or bracket after
 * them): not a lead-in ending with a colon, not a bare label such as **Conclusion**.
 */
export const endsSentence = (text: string): boolean => SENTENCE_END.test(text);

const SENTENCE_END = /[.!?\u3002\uFF01\uFF1F]["'\u201D\u2019)\]\u300D\u300F\uFF09]*$/;

/**
 * Whether a line or paragraph ends a sentence or a clause (`.`, `!`, `?`, `:`, `;`, `…`, a
 * closing quote or bracket after them): never a heading or a title.
 */
export const endsClause = (text: string): boolean => CLAUSE_END.test(text);

const CLAUSE_END = /[.!?:;\u2026\u3002\uFF01\uFF1F\uFF1A\uFF1B]["'\u201D\u2019)\]\u300D\u300F\uFF09]*$/;

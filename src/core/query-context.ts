/**
 * What a question says around what it asks: the sentences that say where the asker stands, a
 * closing aside, what it quotes (code, a stack trace, a URL, a path), the examples it gives and
 * what the asker does something for. Their words rank for less and count nothing against an answer.
 */
import { CONTRACTIONS, QUESTION_WORDS, SPOKEN } from './query-words.js';
import { type Word, words } from './tokenizer.js';

/**
 * The words of what a question says the asker does something for: "for my masters thesis",
 * "for our fork". An everyday word of them the documents lack says why the asker asks, not
 * what the documents fail to cover (it counts nothing against an answer, as the context around
 * a question). Not the object asked about ("how do I make my character jump?") nor a platform
 * ("can I run it on my raspberry pi?").
 */
export function ownedWords(question: string): Set<string> {
  const out = new Set<string>();
  for (const m of question.toLowerCase().matchAll(OWNED)) {
    if (m[1]) out.add(m[1]);
    if (m[2]) out.add(m[2]);
  }
  return out;
}
const OWNED = /\bfor\s+(?:my|our)\s+([a-z]+)(?:\s+([a-z]+))?/g;

/** One example: a quoted phrase, or a run of characters up to a space or punctuation. */
const EXAMPLE_ITEM = '"[^"]{1,40}"|\u201C[^\u201D]{1,40}\u201D|\'[^\']{1,40}\'|`[^`]{1,40}`|[^\\s,;?!]+';
/**
 * Examples given in a question: "level names like \"info\"", "numbers like 30", "options such
 * as `redact`", "e.g. {1..3}", a list of them ("like a, b or c"). Not a verb's object: "I'd
 * like", "would like", "looks like", "feels like".
 */
const EXAMPLES = new RegExp(
  `(?<!\\b(?:i|you|we|they|would|'d|\u2019d|do|does|did|don't|feel|feels|look|looks|seem|seems|sound|sounds)\\s+)\\b(?:like|such as|e\\.g\\.?|for example|for instance)\\s+((?:${EXAMPLE_ITEM})(?:\\s*(?:,|\\bor\\b|\\band\\b)\\s*(?:${EXAMPLE_ITEM}))*)`,
  'giu',
);

/** A question's opening word when the sentence asks something. */
const ASKS =
  /^\s*["'\u201C(]*(?:how|what|what's|whats|why|when|where|who|whom|whose|which|can|could|does|do|did|is|are|am|was|were|should|shall|will|would|has|have|may|might|must|any|anyone|anybody|someone|somebody)\b/i;

/**
 * The words (lower case, as written) of what a question says around what it asks: the sentences
 * that only say where the asker stands ("I'm using it with Node 20. How do I set a timeout?"),
 * a closing aside ("(I'm on Linux)"), and what it quotes (code, a stack trace, a URL, a path).
 * A word the question itself has is not context. `said`: what it quotes, when already taken out.
 */
export function contextWords(question: string, said = quoted(question)): Set<string> {
  return aroundWords(said).context;
}

/**
 * The words around what a question asks (see contextWords), and those a message of statements
 * that asks nothing says before what it asks (`stated`: "my changelog has ### Added under every
 * version and it complains about duplicate headings. that's literally how keep a changelog works
 * lol"). The problem may be told in any of those sentences, so stated words rank with the
 * question's own, at statedWeight; none is one a direct answer must hold, and one the documents
 * lack counts nothing against an answer. `said`: what the question quotes (see quoted).
 */
export function aroundWords(said: ReturnType<typeof quoted>): { context: Set<string>; stated: Set<string> } {
  // What the question quotes is context wherever it stands: a block of code, the frames of a
  // stack trace, a URL, an address, a path.
  const out = new Set([...said.code, ...said.places]);
  const stated = new Set<string>();
  const { sentences, aside } = sentencesOf(said.rest);
  const asideWords = aside === undefined ? [] : words(aside, false);
  // One sentence quoting nothing (most questions) has no context: nothing more to read.
  if (out.size === 0 && sentences.length < 2 && asideWords.length === 0) return { context: out, stated };
  // A sentence asks when it ends with a question mark or opens with a question word.
  const told = sentences.map((t) => words(t, false));
  const asks = sentences.map((t) => /\?["'\u201D)]*$/.test(t) || ASKS.test(t));
  // With none, the last one is what is asked, with the one before it when it names too little
  // of its own ("npm install fails with E404. pls help") or points back at it.
  const none = !asks.includes(true);
  if (none && asks.length > 0) asks[asks.length - 1] = true;
  // One that names too little of its own ("Why?", "How do I fix it?", "Is there a plugin for
  // this?"), or points back at it ("How do I fix this error?"), asks about the sentence before
  // it, which is part of the question.
  for (let i = asks.length - 1; i > 0; i--)
    if (
      asks[i] &&
      !asks[i - 1] &&
      (naming(told[i] as Word[]) < MIN_ASKED || POINTS_BACK.test(sentences[i] as string))
    )
      asks[i - 1] = true;
  if (none) {
    // A message that asks nothing may tell its problem in any sentence: those before what it
    // asks are stated (see statedWeight), not context.
    const asked = new Set(told.flatMap((ws, i) => (asks[i] ? ws.map((w) => w.written) : [])));
    for (const w of told.filter((_, i) => !asks[i]).flat()) if (!asked.has(w.written)) stated.add(w.written);
    asks.fill(true);
  }
  const asked = told.filter((_, i) => asks[i]).flat();
  // A question that names too little even so is about what it quotes ("what is /etc/npmrc
  // for?"): only its closing aside is context.
  if (naming(asked) >= MIN_ASKED) {
    told.forEach((ws, i) => {
      if (!asks[i]) for (const w of ws) out.add(w.written);
    });
  } else out.clear();
  for (const w of asideWords) out.add(w.written);
  for (const w of asked) out.delete(w.written);
  return { context: out, stated };
}

/**
 * A text's sentences, and its closing aside about the asker ("how do I set a cookie in the
 * headers (I'm on Linux)"), which is said, not asked, even with no stop before it: it is never
 * one of the sentences.
 */
function sentencesOf(text: string): { sentences: string[]; aside: string | undefined } {
  let aside: string | undefined;
  const sentences = text
    .replace(ASIDE, (_, said: string) => {
      aside = said;
      return '';
    })
    // At sentence ends only, not at line breaks: a question read back from a message has its
    // lines joined, and must read the same (a button asks it again). Nor after "e.g.", "i.e.",
    // "etc.", "vs.", "cf.".
    .split(/(?<=[.!?])(?<!\b(?:e\.g|i\.e|etc|vs|cf)\.)\s+/i)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
  return { sentences, aside };
}

/** A question's sentences without what it quotes (code, a stack trace, a URL, a path). */
export function ownSentences(question: string): string[] {
  return sentencesOf(quoted(question).rest).sentences;
}

/**
 * What a question quotes, taken out in the order of QUOTED (a URL inside code is code): the
 * words of its code (blocks, stack frames), those of the places it names (a URL, an address, a
 * path), and the question without them.
 */
export function quoted(question: string): { code: Set<string>; places: Set<string>; rest: string } {
  const code = new Set<string>();
  const places = new Set<string>();
  let rest = question;
  for (const pattern of QUOTED) {
    for (const m of rest.matchAll(pattern)) {
      // A stack frame names a function (code) and where it was (a place: the asker's file).
      const [named, place] =
        pattern === INSTANCE ? ['', m[0]] : pattern === STACK_FRAME ? frameParts(m[0]) : [m[0], ''];
      for (const w of quotedWords(named)) code.add(w);
      for (const w of quotedWords(place)) places.add(w);
    }
    rest = cutQuoted(rest, pattern);
  }
  return { code, places, rest };
}

/**
 * A text without what one pattern of QUOTED finds. A block of code or a stack frame ends the
 * sentence before it (an error line above its frames says what went wrong; it does not run on
 * into the question below them); a URL or a path is a word's place in its sentence.
 */
const cutQuoted = (text: string, pattern: RegExp): string =>
  text.replace(pattern, pattern === INSTANCE ? ' ' : '. ');

/** Words that name something, of the question's own sentence, for context to be context. */
const MIN_ASKED = 2;

/**
 * A closing aside in brackets about the asker: "(I'm on Linux)", "(using Node 20)", "(my
 * setup)", a version "(v4.2.0)". Not "(i.e. the timeout)".
 */
const ASIDE =
  /\s*\(((?:i|i'm|i\u2019m|im|i've|i\u2019ve|we|we're|we\u2019re|my|our|using)(?=\s)[^()?]{0,200}|(?:version\s+)?v?\d{1,4}(?:\.\d{1,4}){0,3})\)\s*$/i;

/**
 * A question that points at what was said before it: "How do I fix this error?", "what do
 * these warnings mean?", "why does this happen?", "how can I avoid that?". Not any "this": in
 * "how do I configure this logger for production?" it is the product.
 */
const POINTS_BACK = new RegExp(
  [
    // "this error", "those warnings" (not "so that errors are logged": "that" only before one).
    '\\b(?:this|that) (?:error|warning|message|exception|issue|problem|output|crash|trace|stack ?trace|failure|code)\\b',
    '\\b(?:these|those) (?:errors|warnings|messages|exceptions|issues|problems|outputs|crashes|traces|stack ?traces|failures|codes)\\b',
    // "why does this happen?", "what does this mean?" (not "does it mean that…").
    '\\b(?:this|that) (?:happens?|happening|happened)\\b',
    '\\bthis means?\\b',
    '\\b(?:fix|solve|avoid|prevent|handle|explain) (?:this|that|these|those)\\b',
    '\\b(?:cause|causes|caused|mean|means) (?:this|these|those)\\b',
    // "will it work with that?", "what do I do about it?", "the zsh version of that?", "can
    // its ftp go through that?": a pronoun closing a clause stands for what was said before (not
    // "…the log level for it?", where it is the asker's install).
    '\\b(?:(?:with|about) (?:that|this|it|them)|(?:for|on|from|into|of|through|around|past|behind|under|without|in|to|by) (?:that|this))(?=\\s*(?:[?.,!;]|$)|\\s+(?:or|and|but|too|instead|anymore|again)\\b)',
  ].join('|'),
  'i',
);

/** How many distinct words name something: not stop words or help-channel words. */
function naming(ws: readonly Word[]): number {
  const named = new Set<string>();
  for (const w of ws)
    if (
      w.alternatives.length > 0 &&
      !QUESTION_WORDS.has(w.written) &&
      !SPOKEN.has(w.written) &&
      !CONTRACTIONS.has(w.written)
    )
      named.add(w.written);
  return named.size;
}

/**
 * Instances a question may quote, which name no topic of the documents: a URL, an IP address
 * (and its port), `localhost:3000`, a file path of two parts or more, an e-mail address.
 */
const INSTANCE =
  /\b(?:https?|ftp|wss?|file):\/\/(?:[^\s"'<>`()]|\([^\s"'<>`()]{0,200}\))+|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b|\blocalhost:\d{1,5}\b|(?<![\w.])(?:~|\.{1,2})?(?:\/[\w.@+-]+){2,}\/?|\b[A-Za-z]:\\[^\s"'<>`]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;

/** Keywords of the languages people paste, which name nothing of their case. */
export const CODE_KEYWORDS = new Set(
  'const let var function async await return new class this self def elif if else for while try catch except finally throw raise true false null undefined none void static public private'.split(
    ' ',
  ),
);

/** A fenced block of code (to the end of the question when it is not closed). */
const CODE_BLOCK = /```[\s\S]*?(?:```|$)/g;
/**
 * A frame of a stack trace: `at Object.<anonymous> (/app/index.js:10:5)`, `at file:///a.mjs:3:7`.
 * Found without line breaks, as a question read back from a message has its lines joined.
 */
const STACK_FRAME = /\bat (?:[\w.$<>[\]]+(?: \[as \w+\])? \()?(?:file:\/\/|node:)?[^\s()]+:\d+:\d+\)?/g;
/** A number or a version said around the question (`20`, `v3.2`): the asker's, not a topic. */
export const VERSION = /^v?\d+(?:\.\d+)*$/;

/** A stack frame's function (`Pool.dispatch`) and its place (`/app/node_modules/…/pool.js:10:5`). */
function frameParts(frame: string): [string, string] {
  const open = frame.indexOf('(');
  if (open >= 0) return [frame.slice(0, open), frame.slice(open)];
  return ['', frame];
}

/** What a question may quote, in the order it is taken out (a URL inside code is code). */
const QUOTED = [CODE_BLOCK, STACK_FRAME, INSTANCE];

/**
 * The words of quoted text (an example, a URL, code), lower case, however a question's words
 * may be cut from it: as the tokenizer cuts the text (`v1.2`, `127.0.0.1:3000`), as it cuts
 * the text broken at its punctuation (`127.0.0.1` and `3000`), and each run of letters or
 * digits (`{1..3}`: 1 and 3).
 */
function quotedWords(quoted: string): string[] {
  const text = quoted.toLowerCase();
  return [
    ...words(text, false).map((w) => w.written),
    ...words(text.replace(/[^\p{L}\p{N}.]+/gu, ' '), false).map((w) => w.written),
    ...(text.match(/[\p{L}\p{N}]+/gu) ?? []),
  ];
}

/** The words (lower case, as written) of the examples a question gives (see EXAMPLES). */
export function exampleWords(question: string): Set<string> {
  const out = new Set<string>();
  for (const m of question.matchAll(EXAMPLES))
    for (const w of quotedWords(m[1] ?? '')) if (w !== 'or' && w !== 'and') out.add(w);
  return out;
}

/**
 * How a question in Chinese, Japanese or Korean is read: which of its pairs of characters and
 * its characters count, which only phrase it, and what the documents lack of it.
 */
import { CJK } from './normalize.js';
import type { Vocabulary } from './query-types.js';
import type { Word } from './tokenizer.js';

/**
 * Characters that phrase a Chinese question rather than name what it asks about (simplified and
 * traditional): question words (怎么, 如何, 什么, 哪, 吗, 呢), pronouns, particles, the commonest
 * verbs and adverbs.
 */
const CHINESE_PHRASING = new Set(
  Array.from(
    '的了吗呢吧么怎样如何什哪谁为是在和与或有没不很也都就还要想会能可以把被给让从到对成得着过地我你他她它们这那个些呀啊嘛请该用里' +
      '嗎麼樣為與沒還會讓從對過們這個該請裡',
  ),
);
/** Pairs that phrase a Chinese question: when, how many, a way, where, why, whether, please. */
const CHINESE_PHRASING_PAIRS = new Set([
  '时候',
  '時候',
  '多少',
  '办法',
  '辦法',
  '哪里',
  '哪裡',
  '为什',
  '為什',
  '是否',
  '能否',
  '请问',
  '請問',
]);
const HIRAGANA = /\p{Script=Hiragana}/u;
const HANGUL = /\p{Script=Hangul}/u;
const HANGUL_RUN = /\p{Script=Hangul}+/gu;
/** Korean words that phrase a question: how, what, when, where, why, who, and its endings. */
const KOREAN_PHRASING = new Set(
  (
    '어떻게 어떤 무엇 무엇인가요 뭐 뭔가요 뭐예요 언제 어디 어디서 어디에 왜 누가 누구 방법 하나요 되나요 ' +
    '있나요 없나요 인가요 할까요 합니까 입니까 있습니까 됩니까 하면 돼요 되요 해요 있어요 싶어요 수 좀 ' +
    '그리고 또는 이 그 저'
  ).split(' '),
);
/** A Korean verb's polite or plain ending: the predicate that closes a question. */
const PREDICATE_ENDING = /(?:요|다|까|니|죠|지|네|나|세요)$/u;

/** Particles a Korean word carries at its end (topic, subject, object, place, with, of…). */
const KOREAN_PARTICLE = /(?:에서|으로|에게|까지|부터|은|는|이|가|을|를|에|의|도|로|와|과|요)$/u;

/**
 * Particles of two syllables or more that a Korean question writes onto a word in other letters
 * (`stable이랑 testing`: stable and testing; `npm으로`: with npm; `Markdown이라는`: called
 * Markdown); one syllable written so is always read as one.
 */
const WRITTEN_ON_PARTICLE =
  /^(?:이랑|하고|이나|처럼|보다|한테|에서|으로|에게|까지|부터|에는|에서는|에서도|으로는|이라는|라는|이라고|라고)$/u;

/**
 * A Korean word without the particle at its end (환불은 → 환불), when two syllables or more are
 * left: 속도 (speed) is no 속 and 도 (also).
 */
function koreanStem(run: string): string {
  const stem = run.replace(KOREAN_PARTICLE, '');
  return Array.from(stem).length >= 2 ? stem : run;
}

/** A Korean word's pairs of syllables. */
function hangulPairs(run: string): string[] {
  const chars = Array.from(run);
  return chars.slice(1).map((ch, k) => `${chars[k]}${ch}`);
}
const CJK_RUN = new RegExp(`[${CJK}]+`, 'gu');

/**
 * Which Chinese, Japanese and Korean pieces of a question count (see tokenizer.ts, cjkWords), and
 * what the documents lack of it, as the question writes it:
 * - its pairs the documents hold count, but not those that only phrase it (什么, 时候; in a
 *   Japanese question with other words the documents hold, pairs of hiragana: には, ます, すか);
 * - a character counts alone only when no pair of it counts (笔 in "笔是什么"), and is no
 *   phrasing: a character the documents never use is what they lack (粤 in "支持粤语拼音吗",
 *   where 语拼 of 汉语拼音 is theirs);
 * - a pair they lack of two characters no counted pair holds is a word they lack (退款 in
 *   "怎么申请退款", each character theirs elsewhere: they still rank); one that runs into a
 *   counted pair (调显 between 音调 and 显示) is none;
 * - what they lack is said as runs of the question (蒙古, 笔化数), not pair by pair;
 * - Korean, whose particles and endings are written onto its words, is read by its words
 *   (below).
 */
export function cjkReading(
  content: readonly Word[],
  vocabulary: Vocabulary,
  question: string,
): { skip: Set<Word>; lacking: string[] } {
  const skip = new Set<Word>();
  const pieces = content.filter((w) => w.cjk);
  if (pieces.length === 0) return { skip, lacking: [] };
  const held = (w: Word) => vocabulary.has(w.text);
  const kana = (w: Word) => w.cjk === 'pair' && /^\p{Script=Hiragana}+$/u.test(w.text);
  const othersHeld = content.some(
    (w) => !kana(w) && w.cjk !== 'char' && w.alternatives.some((a) => a.every((t) => vocabulary.has(t))),
  );
  const phrasingChar = (ch: string) => HIRAGANA.test(ch) || CHINESE_PHRASING.has(ch);
  const phrasingPair = (w: Word) =>
    CHINESE_PHRASING_PAIRS.has(w.text) || Array.from(w.text).every(phrasingChar) || (kana(w) && othersHeld);
  const counted = pieces.filter((w) => w.cjk === 'pair' && held(w) && !phrasingPair(w));
  const covered = new Set(counted.flatMap((w) => Array.from(w.text)));
  const phrased = new Set(
    pieces
      .filter((w) => w.cjk === 'pair' && CHINESE_PHRASING_PAIRS.has(w.text))
      .flatMap((w) => Array.from(w.text)),
  );
  const free = (ch: string) => !phrasingChar(ch) && !phrased.has(ch) && !covered.has(ch);
  // Korean, by its words (runs between spaces, particles written onto them: 환불은 is 환불 and
  // 은): a word that phrases the question (어떻게, 하나요, 방법) counts for nothing, and so does
  // its last word when it is a predicate (a verb's ending: 잊어버렸어요) the documents hold none
  // of; a word whose pairs the documents all lack is what they lack (환불, a refund), said
  // whole; a syllable counts alone only as a word of one syllable (은, 하, 요 are endings).
  // A syllable written onto a word in other letters is its particle (가 of `sid가`).
  const runs = [...question.matchAll(HANGUL_RUN)]
    .filter(
      (m) =>
        !(
          (Array.from(m[0]).length === 1 || WRITTEN_ON_PARTICLE.test(m[0])) &&
          /[\p{L}\p{N}]/u.test(question.charAt(m.index - 1))
        ),
    )
    .map(([run]) => ({ run, stem: koreanStem(run) }));
  const unheld = (stem: string) => !hangulPairs(stem).some((p) => vocabulary.has(p));
  const phrases = ({ run, stem }: { run: string; stem: string }, i: number) =>
    KOREAN_PHRASING.has(run) ||
    KOREAN_PHRASING.has(stem) ||
    (i === runs.length - 1 && runs.length > 1 && PREDICATE_ENDING.test(run) && unheld(stem));
  const koreanPhrasing = new Set(
    runs.filter(phrases).flatMap(({ run, stem }) => [...hangulPairs(run), ...hangulPairs(stem), run, stem]),
  );
  const koreanAlone = new Set(
    runs.filter(({ stem }) => Array.from(stem).length === 1).map(({ stem }) => stem),
  );
  const lacking: string[] = runs
    .filter((r, i) => !phrases(r, i) && Array.from(r.stem).length > 1 && unheld(r.stem))
    .map(({ stem }) => stem);
  const lackingChars = new Set<string>();
  for (const w of pieces) {
    if (HANGUL.test(w.text)) {
      if (!held(w) || koreanPhrasing.has(w.text) || (w.cjk === 'char' && !koreanAlone.has(w.text)))
        skip.add(w);
      continue;
    }
    if (w.cjk === 'pair') {
      if (!held(w) || phrasingPair(w)) skip.add(w);
      if (!held(w) && Array.from(w.text).every(free)) for (const ch of w.text) lackingChars.add(ch);
    } else if (!free(w.text) || !held(w)) {
      skip.add(w);
      if (!held(w) && free(w.text)) lackingChars.add(w.text);
    }
  }
  for (const [run] of question.matchAll(CJK_RUN)) {
    if (HANGUL.test(run)) continue;
    let span = '';
    for (const ch of run) {
      if (lackingChars.has(ch)) span += ch;
      else {
        if (span) lacking.push(span);
        span = '';
      }
    }
    if (span) lacking.push(span);
  }
  return { skip, lacking: [...new Set(lacking)] };
}

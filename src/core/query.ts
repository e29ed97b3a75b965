/**
 * From a question to weighted concepts for the ranker: the question's words, with alias
 * groups (aliases.txt) and typo corrections as extra ways to match.
 */

import { CHANGE_WORD } from './asks.js';
import type { Alternative, Concept } from './bm25.js';
import { foreignStopWord, phrasingWords } from './languages.js';
import { matchText } from './normalize.js';
import { cjkReading } from './query-cjk.js';
import { RANKING_DEFAULTS, type Ranking } from './ranking.js';
import { endsSentence } from './sentences.js';
import { STOP_WORDS } from './stopwords.js';
import { isEnglishWord, isStopWord, terms, type Word, words } from './tokenizer.js';
import { allowedEdits, plausibleTypo, TYPO_BUDGET, type TypoBudget, TypoIndex } from './typo.js';

/**
 * Words that shape a help-channel question rather than name its topic ("is there a way to…",
 * "please", "anyone know…"): when the documents lack one, it is left out instead of counting
 * as something the documents do not cover.
 */
export const QUESTION_WORDS = new Set(
  (
    'way ways possible possibly able help helps need needs want wants like know tell please pls thanks thank ' +
    'hi hello hey guys folks anyone someone somebody anybody something anything everyone thing things stuff ' +
    'actually really basically exactly correct correctly right properly proper best good better ok okay ' +
    'question questions idea wondering wonder trying try tried currently still also even just maybe perhaps ' +
    'sure mean means happen happens happened work works working use using used make makes get gets got ' +
    'go goes going do does did done thing kind sort case ' +
    // Chat shorthand: "btw", "idk", "tbh"…, and "supposed" in "what am I supposed to do?".
    'btw idk imo imho tbh afaik iirc fyi lol lmao rofl xd haha omg asap thx ty tia plz ppl lmk rn atm tho ngl smh supposed'
  ).split(' '),
);
/**
 * The words of what a question says the asker does something for: "for my masters thesis",
 * "for our fork". An everyday word of them the documents lack says why the asker asks, not
 * what the documents fail to cover (it counts nothing against an answer, as the context around
 * a question). Not the object asked about ("how do I make my character jump?") nor a platform
 * ("can I run it on my raspberry pi?").
 */
function ownedWords(question: string): Set<string> {
  const out = new Set<string>();
  for (const m of question.toLowerCase().matchAll(OWNED)) {
    if (m[1]) out.add(m[1]);
    if (m[2]) out.add(m[2]);
  }
  return out;
}
const OWNED = /\bfor\s+(?:my|our)\s+([a-z]+)(?:\s+([a-z]+))?/g;

/**
 * "id" typed for "I'd", opening a sentence before a verb only "I'd" takes there ("id like to…",
 * "Id rather…"); "can the id be changed?" and "the user id like 1234" keep their id.
 */
const I_WOULD = /(^|[.!?]\s+|,\s*)[Ii]d\s+(?=(?:like|love|rather|prefer|appreciate)\b)/g;
/**
 * Spoken contractions ("is it gonna break?", "kinda slow"): chat, left out as QUESTION_WORDS
 * are when the documents lack them, but only as written, never as a typo of a name ("Lemmy").
 */
const SPOKEN = new Set('gonna wanna gotta kinda sorta dunno lemme gimme tryna outta'.split(' '));
/**
 * Contractions typed without their apostrophe, read as the stop words they are ("whats the
 * difference…", "it doesnt start"). Not those that are words too (`its`, `well`, `ill`, `id`).
 */
const CONTRACTIONS = new Set(
  (
    'whats hows wheres whos whys whens thats theres heres dont doesnt didnt cant couldnt wont ' +
    'wouldnt shouldnt isnt arent wasnt werent havent hasnt hadnt im ive youre youve youll ' +
    'theyre theyve theyll weve'
  ).split(' '),
);
/**
 * Chat markup that holds no words: a mention of a user, a role or a channel (`<@123…>`,
 * `<@&…>`, `<#…>`), a custom emoji (`<:thinking:987…>`), a timestamp (`<t:1700000000:R>`), a
 * command (`</ask:123…>`). A question typed in a chat may hold them; they are read as a space.
 */
const CHAT_MARKUP =
  /<(?:@[!&]?\d{1,20}|#\d{1,20}|a?:\w{1,32}:\d{1,20}|t:-?\d{1,13}(?::[tTdDfFR])?|\/[\w -]{1,100}:\d{1,20})>/g;
/**
 * Emoji (🙏, 😅, 👍🏽, with their skin tones, variation selectors and joiners), which hold no words
 * either: read as a space, so "Thanks!! 🙂" still closes a question. Not ©, ® and ™, which are
 * signs of the text, nor a joiner between letters.
 */
const EMOJI = /(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]*/gu;
/**
 * A smiley typed in signs, standing alone (`:)`, `:-(`, `;)`, `:D`, `:P`; `<3` ending the message
 * after a sentence), read as a space as an emoji is: not in code or a path (`a[:3]`, `(?:)`,
 * `C:/`), nor `node <3`.
 */
const EMOTICON = /(?<=^|\s)[:;]['-]?(?:\){1,3}|\({1,3}|[DPp])(?=$|[\s.,!?])|(?<=[.!?)]\s{0,8})<3+(?=\s*$)/gu;

/** What may follow a lead-in without a comma: the question itself ("hi how do I…"). */
const OPENER =
  '(?=(?:how|what|why|when|where|who|which|whose|is|are|am|was|were|can|could|does|do|did|should|would|will|has|have|if|whether|i|anyone|any|so|there|basically|actually|honestly|seriously|literally)\\b)';
// A dash only after a space: "well-known" and "so-called" are words, not "well" and "so".
const AFTER_LEAD = `(?:\\s*[,!.:;?]+\\s*|\\s+[\\u2013\\u2014-]+\\s*|\\s+${OPENER})`;
const SMALL = '(?:quick|small|simple|short|dumb|stupid|silly|noob|newbie|beginner|basic|obvious)';
const SOMEONE = '(?:any\\s?one|some\\s?one|any\\s?body|some\\s?body)';
/**
 * Where the asker looked first: "I read the docs but couldn't find it", "I've already checked
 * the documentation", "I tried googling but found nothing". It asks nothing.
 */
const SEARCHED =
  "i(?:['\\u2019]ve|\\s+have)?\\s+(?:already\\s+|also\\s+)?(?:read|checked|looked\\s+(?:at|through)|searched|gone\\s+through|went\\s+through|googled|tried\\s+(?:googling|searching))(?:\\s+(?:the|your)\\s+(?:docs|documentation|manual|readme|wiki|faq|guides?))?(?:\\s*,?\\s+but\\s+(?:(?:couldn['\\u2019]?t|could\\s+not|can['\\u2019]?t|cannot|didn['\\u2019]?t|did\\s+not)\\s+find\\s+(?:it|anything|an\\s+answer|much)|found\\s+nothing))?";
/**
 * What the asker says of the question or of themselves: "Sorry if this was asked before",
 * "long time lurker here", "This is driving me crazy", "Still learning, sorry", "(asking for a
 * friend)", "Edit: typo".
 */
const ASIDE_SAID =
  "(?:sorry|apologies)\\s+if\\s+this\\s+(?:was|has\\s+been|is)\\s+(?:already\\s+)?asked(?:\\s+(?:before|already))?|long\\s+time\\s+lurker(?:\\s*,?\\s+first\\s+time\\s+poster)?(?:\\s+here)?|(?:this\\s+is|it['\\u2019]?s)\\s+driving\\s+me\\s+(?:crazy|nuts|insane|mad)|(?:i['\\u2019]?m\\s+|i\\s+am\\s+)still\\s+learning|still\\s+learning\\s*,?\\s+sorry|asking\\s+for\\s+a\\s+friend|edit\\s*:\\s*(?:typos?|formatting|spelling)";
/**
 * What the asker is doing, said before the question in one breath and naming nothing: "I am
 * working on a project and how do I…" (not "I'm building a Fastify app and…", which helps find
 * the answer).
 */
const WORKING_ON =
  "i(?:['\\u2019]?m|\\s+am)\\s+(?:working\\s+on|building|making|writing|developing)\\s+(?:a|an|my|this|our)\\s+(?:(?:small|side|personal|new|little|simple)\\s+)?(?:project|app|application|thing)\\s*,?\\s+and\\s+";
/** "I'm new here", "I am new to this", "I'm pretty new to all this". */
const NEW_HERE =
  "i(?:['\\u2019]?m|\\s+am)\\s+(?:(?:very|pretty|quite|fairly|completely|totally)\\s+)?new(?:\\s+here|\\s+to\\s+(?:all\\s+)?(?:this|these|it))?|i(?:['\\u2019]?m|\\s+am)\\s+(?:a\\s+)?(?:(?:total|complete)\\s+)?(?:beginner|newbie|noob)|first\\s+(?:post|time\\s+posting|time\\s+poster)(?:\\s+here)?|new\\s+to\\s+(?:all\\s+)?this|this\\s+is\\s+my\\s+first\\s+time\\s+(?:using|trying)\\s+(?:it|this)";
/**
 * How the asker fares: "I've been stuck on this for hours", "what am I doing wrong?", "am I
 * missing something obvious?". It asks what the question asks.
 */
const STUCK =
  "(?:i(?:['\\u2019]ve|\\s+have)\\s+been\\s+|been\\s+)stuck(?:\\s+on\\s+(?:this|it))?(?:\\s+for\\s+(?:hours|days|ages|a\\s+while|the\\s+(?:whole|entire)\\s+day))?|what\\s+am\\s+i\\s+(?:doing\\s+wrong|missing)(?:\\s+here)?|am\\s+i\\s+missing\\s+something(?:\\s+(?:obvious|here))?|did\\s+i\\s+miss\\s+something";
/**
 * What a question adds after it and asks nothing by: "Any help?", "Should be simple but I can't
 * figure it out.", "Let me know if you need more info.", "Have a nice day!", "Best, Sam".
 */
const FOLLOW_UP =
  "let\\s+me\\s+know\\s+if\\s+you\\s+need\\s+(?:more|any\\s+(?:more|other))\\s+(?:info(?:rmation)?|details|context)|(?:i['\\u2019]?m\\s+|i\\s+am\\s+)?happy\\s+to\\s+(?:provide|share|give)\\s+more\\s+(?:info(?:rmation)?|details|context)|have\\s+a\\s+(?:nice|good|great)\\s+(?:day|one|evening|weekend)|best\\s*,\\s*\\p{L}{2,20}|any\\s+help|(?:(?:it\\s+)?should\\s+be\\s+(?:simple|easy|straightforward)\\s*,?\\s+but\\s+)?i\\s+(?:can['\\u2019]?t|cannot|can\\s+not|couldn['\\u2019]?t|could\\s+not)\\s+(?:figure|work)\\s+(?:it|this|that)\\s+out";
/**
 * What asks the question again, after a question only: "…? Is that possible?", "…? Does that
 * make sense?", "…? Is this a bug?". After a statement it is the question ("Curl ignores
 * NO_PROXY. Is this a bug?").
 */
const ASKS_AGAIN =
  'is\\s+(?:that|this|it)\\s+(?:even\\s+)?possible(?:\\s+at\\s+all)?|(?:does\\s+)?(?:that|this)\\s+makes?\\s+sense|is\\s+(?:this|that|it)\\s+a\\s+bug';
/** "Hope this is the right place.", "Can anyone help?" before the question. */
const ASKS_HELP = `(?:i\\s+)?hope\\s+(?:some\\s?one|some\\s?body|any\\s?one|you)\\s+can\\s+help(?:\\s+me)?|(?:i\\s+)?hope\\s+this\\s+is\\s+the\\s+right\\s+(?:place|channel|spot)(?:\\s+(?:for\\s+this|to\\s+ask))?|(?:can|could|would)\\s+(?:any\\s?one|some\\s?one|any\\s?body|some\\s?body|you(?:\\s+guys)?)\\s+(?:please\\s+)?help(?:\\s+me)?(?:\\s+out)?(?:\\s+(?:here|with\\s+(?:this|something)))?`;
/** "hope you're doing well", "Hope you are all well". */
const HOPE_WELL =
  "(?:i\\s+)?hope\\s+(?:you|you['\\u2019]re|you\\s+are|everyone\\s+is|all\\s+is)\\s+(?:all\\s+)?(?:doing\\s+)?(?:well|good|great|fine)";
/**
 * What may open a question and asks nothing: a greeting ("hey guys,", "Good morning all —"),
 * "Quick question:", "I have a question,", "Sorry if this is a dumb question but", "newbie
 * here.", "Does anyone know", "Can someone tell me", "I was wondering if".
 */
const LEAD_INS = [
  // Discourse markers: "ok so", "um,", "anyway", "well,", "so basically".
  `(?:ok(?:ay)?|so|well|um+|uh+|hmm+|erm|anyway|also|alright|oh|ah|basically|actually|honestly|seriously|literally)${AFTER_LEAD}`,
  // A name the message is addressed to, typed as text: "@docsbot my build fails", "@Bot, how…";
  // not a decorator or a directive the question is about ("@Injectable decorator not working",
  // "@ts-expect-error doesn't…"), written with capitals or a dash and asked about without a comma.
  `@[\\w.-]{1,40}(?![\\w./@-])(?:\\s*[,:]+\\s*|\\s+${OPENER})`,
  // "urgent:", "URGENT!" before the question.
  `urgent\\s*[:!]+\\s*${OPENER}`,
  // A call for help: "pls help:", "help!", "please help me,".
  '(?:(?:please|pls|plz)\\s+)?help(?:\\s+(?:me|please|pls|plz|needed|wanted))?(?:\\s*[:!,.]+|\\s+[\\u2013\\u2014-]+)\\s*',
  // A morning without "good" greets only those it names: "Morning all," (not "Morning is there…").
  `(?:morning|afternoon|evening)\\s+(?:all|everyone|everybody|guys|folks|team|people|y'all)${AFTER_LEAD}`,
  // A letter's greeting: "Dear all,", "Respected sir,".
  `(?:dear|respected)\\s+(?:all|sirs?(?:\\s*\\/\\s*madam)?|madam|ma'am|team|everyone|friends|community|members|colleagues)\\s*[,!:.]+\\s*`,
  // A greeting, drawn out too: "hiii", "heyyy", "hellooo", "yooo".
  `(?:hi+|hey+|hell+o+|hiya|howdy|yo+|greetings|good\\s+(?:morning|afternoon|evening|day))(?:\\s+(?:there|all|everyone|everybody|guys|folks|team|people|friends|y'all|sirs?|madam|ma'am))?(?:${AFTER_LEAD}|\\s+(?=@[\\w.-]))`,
  `(?:(?:a|one)\\s+)?${SMALL}\\s+(?:q(?:uestion)?|one)${AFTER_LEAD}`,
  // "Not sure if this is the right channel, but", "sorry if this is the wrong place:".
  `(?:(?:i['\\u2019]?m\\s+)?not\\s+sure\\s+if\\s+this\\s+is\\s+the\\s+right|(?:sorry|apologies)\\s+if\\s+this\\s+is\\s+the\\s+wrong)\\s+(?:channel|place|spot)(?:\\s+(?:for\\s+this|to\\s+ask))?(?:\\s*[,!.:;-]+\\s*(?:but\\s+)?|\\s+but\\s+)`,
  `i\\s+(?:have|got|['\\u2019]ve\\s+got)\\s+a\\s+(?:${SMALL}\\s+)?question${AFTER_LEAD}`,
  `sorry\\s+(?:if\\s+this\\s+is|for)\\s+(?:a|the)\\s+(?:${SMALL}\\s+)?question(?:\\s*[,!.:;-]+\\s*(?:but\\s+)?|\\s+but\\s+)`,
  `sorry\\s+(?:to\\s+(?:bother|interrupt|ask)(?:\\s+(?:you|you\\s+all|everyone|again))?|for\\s+(?:the\\s+)?(?:bother|noise|spam))(?:\\s*[,!.:;-]+\\s*(?:but\\s+)?|\\s+but\\s+)`,
  `(?:(?:total|complete)\\s+)?(?:newbie|noob|beginner|new\\s+(?:user|to\\s+this))\\s+here${AFTER_LEAD}`,
  `(?:(?:does|do)\\s+)?${SOMEONE}(?:\\s+here)?\\s+knows?\\s+(?:(?:if|whether)\\s+)?`,
  // Before the rule below, which would take "could someone help me" of "…help me out here:".
  `(?:${ASKS_HELP})\\s*[,!.:;?]+\\s*`,
  // Not before a colon: "What am I missing here: the config or the env var?" asks it.
  `(?:${STUCK})\\s*[,!.;?]+\\s*`,
  // "I have a problem:", before what the problem is (not "I have an issue. Where do I report it?").
  `i\\s+(?:have|got|['\\u2019]ve\\s+got)\\s+(?:a|an|this)\\s+(?:(?:small|weird|strange)\\s+)?(?:problem|issue)\\s*[:,]+\\s*`,
  `(?:can|could|would)\\s+(?:${SOMEONE}|you|u|ya)\\s+(?:please\\s+|pls\\s+|plz\\s+)?(?:help\\s+me(?:\\s+(?:with|understand|figure\\s+out))?|tell\\s+me|explain(?:\\s+to\\s+me)?)\\s+`,
  `i\\s+(?:was|am|['\\u2019]m)\\s+wondering\\s+(?:(?:if|whether)\\s+)?`,
  `(?:${SEARCHED})\\s*[,!.:;?]+\\s*`,
  // "Question:", "my question:" (not "Question - answer format: …").
  `(?:(?:my|a|one|another)\\s+)?question\\s*:+\\s*`,
  // Those the message is addressed to: "guys, …", "folks how do I…" (not "everyone can…").
  `(?:guys|folks|everyone|everybody|y['\\u2019]?all)(?:\\s*[,!:;]+\\s*|\\s+(?=(?:how|what|why|when|where|which)\\b))`,
  // "I'm new here.", "I am new to this,", "hope you're all doing well."
  `(?:${NEW_HERE}|${ASIDE_SAID})\\s*[,!.:;]+\\s*`,
  `${WORKING_ON}${OPENER}`,
  `(?:${HOPE_WELL})\\s*[,!.:;]+\\s*`,
];
const LEAD_IN = new RegExp(`^\\s*(?:${LEAD_INS.join('|')})`, 'i');
/** A handle in lower case opening the message, before any word ("@docsbot my build fails"). */
const ADDRESSED = /^\s*@[a-z0-9_]{2,32}(?![\w./@-])\s+/;
/** How many characters of a question's start open it and ask nothing (see LEAD_INS), 0: none. */
const opening = (text: string): number => (LEAD_IN.exec(text) ?? ADDRESSED.exec(text))?.[0].length ?? 0;
/**
 * What may close a question and asks nothing: thanks ("thx", "Thanks in advance!", "cheers",
 * "pls"), "Any help appreciated", "Any ideas?", "please help".
 */
const CLOSINGS = [
  'thanks(?:\\s+(?:a\\s+(?:lot|ton|bunch|million)|so\\s+much|heaps))?(?:\\s+in\\s+advance)?(?:\\s+for\\s+(?:the|your|any)\\s+help)?',
  'thank\\s+you(?:\\s+(?:in\\s+advance|so\\s+much))?(?:\\s+for\\s+(?:the|your|any)\\s+help)?',
  // After a sentence (or a comma) only, where the words could be asked about: "Thanks guys!",
  // "Thank you very much!", "Thanks for your time.", "Thanks for reading.", "Any idea?",
  // "appreciate any help", "Much appreciated." ("how do I use thanks all?" keeps its words).
  '(?<=[,.!?\\n]\\s{0,8}\\(?)(?:(?:thanks|thank\\s+you)(?:\\s+(?:guys|all|everyone|again|very\\s+much|so\\s+much|a\\s+lot))?(?:\\s+in\\s+advance(?:\\s+(?:guys|all|everyone))?)?(?:\\s+for\\s+(?:(?:the|your|any)\\s+(?:help|time)|reading))?|any\\s+(?:idea|clues?)|urgent(?:ly)?(?=\\s*!)|(?:i\\s+|i[\\x27\\u2019]d\\s+)?(?:(?:would|really|greatly)\\s+)?appreciate\\s+(?:it|(?:any|your|the|some)\\s+(?:help|guidance|pointers|tips|advice|input|suggestions))|(?:(?:any|your|some)\\s+)?(?:help|guidance|input|advice)\\s+(?:is|would\\s+be)\\s+(?:(?:much|greatly|really|very)\\s+)?appreciated|much\\s+appreciated|(?:sorry|apologies)\\s+for\\s+(?:the|this|my)\\s+(?:long|lengthy)\\s+(?:post|message|question|text))',
  // What a question adds and asks nothing by: "…, if that makes sense", "…or is that not possible?"
  '(?<=,\\s{0,8})if\\s+(?:that|this|it)\\s+makes\\s+sense',
  "or\\s+is\\s+(?:that|this|it)\\s+(?:not\\s+possible|impossible)|or\\s+(?:isn['\\u2019]?t|is\\s+not)\\s+(?:that|this|it)\\s+possible",
  // Names the message is copied to, after it: "cc @maintainers".
  'cc\\s+@\\w[\\w-]{0,39}(?:\\.\\w[\\w-]{0,39}){0,3}',
  'many\\s+thanks|(?:thx|tnx|ty)(?:\\s+in\\s+advance)?|tysm|tyvm|tia|cheers(?:\\s+(?:mate|mates|all|guys|everyone))?|pls|plz|please',
  'any\\s+(?:help|pointers|tips|advice|ideas|suggestions|input|guidance)\\s+(?:is\\s+|are\\s+|would\\s+be\\s+)?(?:much\\s+|greatly\\s+|really\\s+)?(?:appreciated|welcome)',
  'any\\s+(?:ideas|thoughts|suggestions|pointers|tips|advice)',
  // "(sorry if dumb question)", "sorry if this is a stupid question".
  `(?:sorry|apologies)\\s+if\\s+(?:this\\s+is\\s+|it['\\u2019]?s\\s+)?(?:an?\\s+)?(?:${SMALL}\\s+)?q(?:uestion)?`,
  'please\\s+help(?:\\s+me)?|help\\s+(?:please|pls|plz)',
  '(?:sorry|apologies)\\s+for\\s+(?:my|the)\\s+(?:bad\\s+|poor\\s+)?english',
  // A sign-off and the name under it ("Cheers, Tom"), a mail client's signature; the last two
  // only after a sentence or a line ("…? Kind regards", not "how do I translate best regards").
  '(?:cheers|thanks|thx|regards)\\s*,\\s*\\p{L}{2,20}|(?<=[,.!?\\n]\\s{0,8})(?:best|kind|warm)\\s+regards(?:\\s*,?\\s+\\p{L}{2,20})?',
  '(?<=[.!?\\n]\\s{0,8})sent\\s+from\\s+my\\s+\\w{1,20}',
  `(?<=[.!?\\n]\\s{0,8}\\(?)(?:${SEARCHED}|${NEW_HERE}|${ASIDE_SAID}|${STUCK}|${FOLLOW_UP}|please\\s+(?:advise|guide(?:\\s+me)?)|(?:waiting|looking\\s+forward)\\s+(?:for|to)\\s+your\\s+(?:reply|response|answer|help)|thoughts(?=\\s*\\?)|thanks\\s+(?:and|&)\\s+regards)`,
  `(?<=\\?\\s{0,8}\\(?)(?:${ASKS_AGAIN})`,
  // A follow-up that asks for an example of what was asked ("…? Is there an example?", "Any
  // examples?"), after a sentence: the same question.
  '(?<=[.!?\\n]\\s{0,8})(?:(?:is|are)\\s+there|do\\s+you\\s+have|have\\s+you\\s+got|any)\\s+(?:an?\\s+)?(?:code\\s+)?examples?(?:\\s+(?:of|for)\\s+(?:this|that|it))?',
];
// One closing at the end of the question, with the punctuation and spaces before it: they are
// taken off one at a time from the end (see withoutCourtesies). A regex that took a whole run
// at once could cut it in many ways ("thx, ty" is one sign-off or two closings), and tried
// them all: exponential on a few hundred characters.
const CLOSING = new RegExp(
  `(?<![?.!])([?.!]*)[\\s,:;.!?(\\u2013\\u2014-]{1,8}(?:${CLOSINGS.join('|')})(?![\\p{L}\\p{N}])[\\s!.?)]*$`,
  'iu',
);

/**
 * A question without what opens and closes it and asks nothing (see LEAD_INS and CLOSINGS):
 * "hey guys, quick question: how do I set a timeout? thx" asks what "how do I set a timeout?"
 * asks, even where the documents happen to say "guy" or "thanks". A question that is nothing
 * else is left as it is.
 */
export function withoutCourtesies(question: string): string {
  let out = question;
  for (let lead = opening(out); lead > 0; lead = opening(out)) out = out.slice(lead);
  for (let m = CLOSING.exec(out); m; m = CLOSING.exec(out)) out = out.slice(0, m.index) + (m[1] ?? '');
  return /[\p{L}\p{N}]/u.test(out) ? out : question;
}

/** Letters, at least, of a question read as shouted when nearly all are capitals. */
const SHOUT_LETTERS = 12;
/** Share of a question's letters in capitals from which it is shouted. */
const SHOUT_SHARE = 0.8;

/**
 * A question typed in capitals ("HOW DO I SET A TIMEOUT?") read in lower case: its words are
 * words, not acronyms the documents lack. One that writes some acronyms ("Does HTTP/2 need
 * TLS?") is read as written.
 */
export function unshouted(question: string): string {
  const upper = question.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = question.match(/\p{Ll}/gu)?.length ?? 0;
  return upper + lower >= SHOUT_LETTERS && upper >= SHOUT_SHARE * (upper + lower)
    ? question.toLowerCase()
    : question;
}

/** An acronym in at most this many passages is also read as what it stands for. */
const RARE_ACRONYM = 2;
/** At most this many corrections per unknown word. */
const MAX_CORRECTIONS = 3;

/** An alias group, each member as the terms of its words (first alternative of each word). */
export type AliasGroup = string[][][];

export function compileAliases(groups: readonly string[][]): AliasGroup[] {
  return groups
    .map((group) =>
      group
        .map((member) => words(member).filter((w) => w.alternatives.length > 0))
        .filter((m) => m.length > 0)
        .map((m) => m.map((w) => w.alternatives[0] ?? [])),
    )
    .filter((g) => g.length >= 2);
}

export interface Vocabulary {
  has(term: string): boolean;
  /** Passages holding the term. */
  df(term: string): number;
  /** Longer corpus terms that begin with this one (russia → russian), the commonest first. */
  derived(term: string): string[];
  /** Written words near `word`, for typo tolerance. */
  typos: TypoIndex;
  /** The term of a written corpus word. */
  termOf(word: string): string | undefined;
  /** The languages other than English some document is written in (see languages.ts). */
  languages?(): ReadonlySet<string>;
  /** The words an acronym stands for in the documents (`MPL` → Mozilla Public License), or none. */
  expansion(acronym: string): string | undefined;
  /**
   * The title of a document an acronym the documents never write stands for (`GFDL` → GNU
   * Free Documentation License, a name in capitals giving its letter), or none.
   */
  titleExpansion?(acronym: string): string | undefined;
}

export interface Correction {
  from: string;
  to: string[];
}

export interface ParsedQuestion {
  concepts: Concept[];
  /** Content words of the question (not stop words). */
  content: string[];
  /** Content words that matched nothing in the corpus, after aliases and typo tolerance. */
  notFound: string[];
  corrections: Correction[];
  /** The question's content words as written (lower case) with their terms, for exact-form matching. */
  written: { word: string; terms: string[] }[];
  /** Content words left out as question scaffolding (see QUESTION_WORDS) or misspelt stop words. */
  ignored: string[];
  /**
   * The words of notFound, each marked specific (a name, a number, an acronym, a word no English
   * dictionary has: what the question is about) or not (an everyday word that only phrases it).
   */
  missing: { word: string; specific: boolean; context?: true }[];
  /**
   * Whether the question asks about versions or changes ("which release added…", "is version
   * 10.7 still supported?", "what changed in v4?"), in the words it asks, not in what it says
   * around it ("I'm on the latest version."): then a change log is as good a place as any.
   */
  changes: boolean;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

interface Slot {
  words: Word[];
  concept: Concept;
}

/**
 * A question as it is read: without chat markup and emoji, without the language named after a
 * code fence, without what opens and closes it and asks nothing, in lower case when shouted.
 */
export const plainQuestion = (question: string): string =>
  unshouted(
    withoutCourtesies(
      quotesSaid(question.replace(FENCE_INFO, '$1$2'))
        .replace(CHAT_MARKUP, ' ')
        .replace(EMOJI, ' ')
        .replace(EMOTICON, ' '),
    ),
  );

/** A greeting word opening a message (see parseQuestion). */
const GREETING =
  /^\s*(yo+|hey+|heya|hiya|hi+|hell+o+|howdy|sup|wassup|hola|ahoy|oi|gm)(?![\p{L}\p{N}'\u2019-]|\s*[:?])/iu;

/**
 * Lines quoted as Discord quotes them (`> what my boss asked`, over one line or several), outside
 * code: what someone said, one sentence of their own, which says where the asker stands unless
 * it asks.
 */
function quotesSaid(text: string): string {
  if (!text.includes('> ')) return text;
  const lines = text.split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    if (fenced || !QUOTE_LINE.test(line)) continue;
    // The quote's lines, to the last one in a row: one sentence, ended once.
    let j = i;
    while (j + 1 < lines.length && QUOTE_LINE.test(lines[j + 1] as string)) j++;
    for (let k = i; k <= j; k++) lines[k] = (lines[k] as string).replace(QUOTE_LINE, '').trimEnd();
    const last = lines[j] as string;
    if (last && !endsSentence(last)) lines[j] = `${last}.`;
    i = j;
  }
  return lines.join('\n');
}

/** A line quoted as Discord quotes it: `> ` (or `>>> `, the rest of the message) at its start. */
const QUOTE_LINE = /^[ \t]*>{1,3} /;

/**
 * The language named after a code fence's opening, at the start of its line and alone on it
 * (```` ```js ````): no word of the question. Code written on one line between fences
 * (```` ```ERR_REQUIRE_ESM``` ````) is, and so is what follows a fence that closes inline code
 * (```` ```x```[x](http://y) ````).
 */
const FENCE_INFO = /(^|\n)([ \t]*```)[^\s`]+(?=[ \t]*(?:\r?\n|$))/g;

export function parseQuestion(
  question: string,
  vocabulary: Vocabulary,
  aliases: readonly AliasGroup[],
  ranking: Ranking = RANKING_DEFAULTS,
): ParsedQuestion {
  // Typo correction compares words within one budget for the whole question (see TYPO_BUDGET).
  const typoBudget: TypoBudget = { left: TYPO_BUDGET.question };
  // "id like to…" is "I'd like to…", at the start of a sentence; "the user id" is an id.
  const plain = plainQuestion(question).replace(I_WOULD, '$1I’d ');
  const content = words(plain, false).filter((w) => w.alternatives.length > 0);
  // A greeting that opens the message before any word ("yo my build fails", "sup how do I…")
  // asks nothing, when the documents never write it: "hello world" stays a question about
  // "hello" where they do. Not in capitals (`SUP files`, an acronym), nor asked about ("Hola:
  // what does it mean?").
  const greeting = GREETING.exec(plain)?.[1];
  const first = content[0];
  if (
    greeting &&
    greeting !== greeting.toUpperCase() &&
    content.length > 1 &&
    first?.written.toLowerCase() === greeting.toLowerCase() &&
    !first.alternatives.some((a) => a.some((t) => vocabulary.has(t)))
  )
    content.shift();
  // The question as read for capitals and neighbours: without invisible characters.
  const visible = plain.replace(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g, '');
  const slots: Slot[] = [];
  for (let i = 0; i < content.length; i++) {
    const alias = matchAlias(content, i, aliases, ranking.aliasWeight);
    if (alias) {
      slots.push({ words: content.slice(i, i + alias.length), concept: alias.concept });
      i += alias.length - 1;
      continue;
    }
    const w = content[i] as Word;
    const alternatives: Alternative[] = w.alternatives.map((terms) => ({ terms, weight: 1 }));
    // An acronym the documents seldom write also matches what it stands for there, as a phrase.
    // One they write often still names what it stands for: a passage that says "GNU Affero
    // General Public License" names the GPL a question asks about. At weight 0 the phrase adds
    // nothing to a score; it counts for what a passage holds (a direct answer must name what
    // the question is about) and gives the acronym the phrase's rarity (see conceptRarity).
    const acronym = w.alternatives.length === 1 ? w.alternatives[0]?.[0] : undefined;
    const long =
      ranking.acronyms && acronym && w.exact && /^\p{Lu}{2,6}$/u.test(w.written.toUpperCase())
        ? vocabulary.expansion(w.written.toUpperCase())
        : undefined;
    const phrase = long ? [...new Set(terms(long))] : [];
    if (phrase.length >= 2)
      alternatives.push({
        terms: phrase,
        weight: vocabulary.df(acronym as string) <= RARE_ACRONYM ? ranking.aliasWeight : 0,
        whole: true,
      });
    else if (ranking.acronyms && acronym && !vocabulary.has(acronym) && /^\p{L}{3,6}$/u.test(w.written)) {
      // An acronym the documents never write, of a document's title ("GFDL" for the GNU Free
      // Documentation License), typed in capitals or not: it names that document, so it is not
      // missing; at weight 0 it adds nothing to a score.
      const title = vocabulary.titleExpansion?.(w.written.toUpperCase());
      const named = title ? [...new Set(terms(title))] : [];
      if (title && named.length >= 2) alternatives.push({ terms: named, weight: 0, whole: true, title });
    }
    slots.push({ words: [w], concept: { alternatives } });
  }

  mergeAlternatives(slots, visible);

  // "how long", "how old": the word after "how" asks for a quantity (see expectedAnswer), it
  // names nothing the documents must hold.
  const howWords = new Set(
    [...visible.toLowerCase().matchAll(/\bhow\s+(long|old|far|big|large|often|soon|fast)\b/g)].map(
      (m) => m[1] as string,
    ),
  );
  const forms = numberForms(visible);
  const notFound: string[] = [];
  const missing: ParsedQuestion['missing'] = [];
  const ignored: string[] = [];
  const corrections: Correction[] = [];
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const add = (concept: Concept) => {
    const key = JSON.stringify(concept.alternatives.map((a) => [a.terms, a.weight]));
    if (seen.has(key)) return;
    seen.add(key);
    concepts.push(concept);
  };
  // Chinese, Japanese and Korean: which of the question's pairs and characters count.
  const cjk = cjkReading(content, vocabulary, visible);
  // Words that only phrase a question asked in the documents' own language ("welche", "ich"):
  // where the documents lack one, it is no word they fail to cover, as English function words
  // are none (where they hold it, it ranks: an FAQ's headings ask as its readers do). Looked
  // for only when the question has some.
  const typed = visible.toLowerCase().match(/\p{L}+(?:['\u2019]\p{L}+)*/gu) ?? [];
  const phrasing =
    vocabulary.languages && typed.some(foreignStopWord)
      ? phrasingWords(typed, vocabulary.languages())
      : new Set<string>();
  // A question of those words alone ("Wie kann ich das machen?") asks nothing the documents
  // could answer, as "How can I do that?" does not.
  const onlyPhrasing =
    phrasing.size > 0 && content.every((w) => w.cjk !== undefined || phrasing.has(w.written));
  const permission = permissionWord(visible);
  const examples = exampleWords(visible);
  const said = quoted(visible);
  const context = contextWords(visible, said);
  const owned = ownedWords(visible);
  // What it quotes: code, whose keywords name nothing; places (a URL, a path), the asker's own.
  const { code, places } = said;
  for (const slot of slots) {
    const word = slot.words.length === 1 ? slot.words[0] : undefined;
    // A word given as an example ("numbers like 30") ranks as any other, but names nothing a
    // direct answer must hold; nor does one of the sentences around the question that say
    // where the asker stands ("I'm on Windows."), which ranks for less (contextWeight,
    // everydayContextWeight) and counts nothing against an answer when the documents lack it.
    if (word && (cjk.skip.has(word) || (onlyPhrasing && phrasing.has(word.written)))) {
      ignored.push(word.written);
      continue;
    }
    const around = word !== undefined && context.has(word.written);
    const example = word !== undefined && examples.has(word.written);
    if (around && word && code.has(word.written) && CODE_KEYWORDS.has(word.written)) {
      // A keyword of the code the question quotes (`const`, `await`, `def`) names nothing.
      ignored.push(word.written);
      continue;
    }
    if (word && !word.exact && CONTRACTIONS.has(word.written)) {
      // "whats", "dont": a stop word written without its apostrophe, as "what's" and "don't" are.
      ignored.push(word.written);
      continue;
    }
    let concept = withDerived(slot.concept, word, vocabulary, ranking.derivedWeight);
    if (word && permission !== undefined && word.written.toLowerCase() === permission)
      concept = {
        ...concept,
        alternatives: concept.alternatives.map((a) => ({
          ...a,
          weight: a.weight * ranking.permissionWeight,
        })),
      };
    const known = concept.alternatives.some((a) => a.terms.every((t) => vocabulary.has(t)));
    // `HTTP/3` read as one word is found by the form of its number too.
    const form =
      word &&
      (forms.get(word.written) ??
        (word.written.includes('/') ? forms.get(word.written.split('/').at(-1) ?? '') : undefined));
    if (form) {
      // Found by how a passage writes it (`http3` is one term, not http and 3), never missing.
      add(around ? { ...concept, context: true } : { ...concept, key: true, form });
      continue;
    }
    if (!known) {
      // Scaffolding, or a shouted stop word ("AND", "NOT") read as an acronym.
      if (
        word &&
        (QUESTION_WORDS.has(word.text) ||
          (!word.exact && phrasing.has(word.written)) ||
          SPOKEN.has(word.text) ||
          (word.exact && STOP_WORDS.includes(word.text)) ||
          howWords.has(word.text))
      ) {
        ignored.push(word.written);
        continue;
      }
      const fixes =
        word && !word.exact && /^\p{L}+$/u.test(word.written)
          ? correct(word.written, vocabulary, typoBudget)
          : [];
      if (fixes.length === 0 && word && misspeltStopWord(word)) {
        ignored.push(word.written);
        continue;
      }
      if (fixes.length === 0) {
        const text = slot.words.map((w) => w.written).join(' ');
        notFound.push(text);
        missing.push(
          around || (word && owned.has(word.written) && !isSpecific(word, visible))
            ? { word: text, specific: false, context: true }
            : { word: text, specific: !word || isSpecific(word, visible) },
        );
        continue;
      }
      corrections.push({ from: word?.written ?? '', to: fixes.map((f) => f.word) });
      concept = { alternatives: fixes.map((f) => ({ terms: [f.term], weight: ranking.typoWeight })) };
    } else if (!word || (!example && !around && isName(word, visible))) concept = { ...concept, key: true };
    // A function word of a question in the documents' language that they hold ranks (an FAQ's
    // headings ask as its readers do) but is not what is asked: never marked, never a reason to
    // pick a sentence (`так` of "что такое"), no part of the question's key in /gaps.
    if (word && known && phrasing.has(word.written)) concept = { ...concept, phrasing: true };
    if (around) {
      // A name, a number or an identifier says more about the asker's case than an everyday word.
      const weight =
        word && (!isSpecific(word, visible) || places.has(word.written) || VERSION.test(word.written))
          ? ranking.everydayContextWeight
          : ranking.contextWeight;
      concept = {
        ...concept,
        context: true,
        alternatives: concept.alternatives.map((a) => ({ ...a, weight: a.weight * weight })),
      };
    }
    add(concept);
  }
  for (const span of cjk.lacking) {
    notFound.push(span);
    missing.push({ word: span, specific: true });
  }
  const asked = new Set(content.flatMap((w) => w.alternatives.flat()));
  for (const { term, words: pair } of ranking.joinedWeight > 0 ? joinedTerms(visible, vocabulary) : []) {
    if (asked.has(term)) continue;
    // Needed when it stands for a word the documents lack ("keep alive" for keepAlive).
    const needed = standIn(pair, notFound, missing);
    add({
      alternatives: [{ terms: [term], weight: ranking.joinedWeight }],
      ...(needed ? {} : { optional: true }),
    });
  }
  if (ranking.phrasalWeight > 0)
    phrasalVerbs(visible, concepts, vocabulary, ranking, { notFound, missing, add });
  // The words asked, as written: not those around the question, nor those read as nothing.
  const skipped = new Set(ignored);
  const written = content
    .filter((w) => !context.has(w.written) && !skipped.has(w.written))
    .map((w) => ({ word: w.written, terms: [...new Set(w.alternatives.flat())] }));
  const changes = written.some((w) => CHANGE_WORD.test(w.word));
  return {
    concepts,
    content: content.map((w) => w.text),
    notFound,
    corrections,
    written,
    ignored,
    missing,
    changes,
  };
}

/**
 * Phrasal verbs and the verb they mean, as documentation writes it: "turn on logging" asks to
 * enable it, "set up a proxy" to configure one, "get rid of a package" to remove it.
 */
const PHRASAL_VERBS: readonly (readonly [RegExp, string, readonly string[]])[] = [
  [
    /\b(?:turn|turns|turned|turning|switch|switches|switched|switching)\s+(?:\w+\s+)?on\b/i,
    'turn',
    ['enable'],
  ],
  [
    /\b(?:turn|turns|turned|turning|switch|switches|switched|switching)\s+(?:\w+\s+)?off\b/i,
    'turn',
    ['disable'],
  ],
  [/\b(?:shut|shuts|shutting)\s+(?:\w+\s+)?down\b/i, 'shut', ['shutdown', 'close']],
  [/\b(?:set|sets|setting)\s+up\b/i, 'set', ['setup', 'configure']],
  [/\b(?:get|gets|getting|got)\s+rid\s+of\b/i, 'rid', ['remove']],
];

/**
 * Reads a phrasal verb as the verb it means: the concept of its own verb ("turn") also matches
 * the meant verb's terms (`enabl`) at phrasalWeight, and the verb as written weighs
 * phrasalVerbWeight — "turn" alone says little (a passage saying "in turn" is no answer).
 */
function phrasalVerbs(
  question: string,
  concepts: Concept[],
  vocabulary: Vocabulary,
  ranking: Ranking,
  found: { notFound: string[]; missing: ParsedQuestion['missing']; add: (concept: Concept) => void },
): void {
  for (const [pattern, verb, meant] of PHRASAL_VERBS) {
    const m = pattern.exec(question);
    if (!m) continue;
    const added = meant.flatMap((word) => terms(word)).filter((t) => vocabulary.has(t));
    if (added.length === 0) continue;
    // "switch" reads as itself: its concept is the one holding the verb as written.
    const written = m[0].split(/\s+/)[0]?.toLowerCase() ?? verb;
    const verbTerms = new Set([...terms(verb), ...terms(written)]);
    const concept = concepts.find(
      (c) => !c.context && c.alternatives.some((a) => a.terms.some((t) => verbTerms.has(t))),
    );
    const meaning = added.map((t) => ({ terms: [t], weight: ranking.phrasalWeight }));
    if (concept) {
      concept.alternatives = [
        ...concept.alternatives.map((a) => ({ ...a, weight: a.weight * ranking.phrasalVerbWeight })),
        ...meaning,
      ];
      continue;
    }
    // A verb the documents lack ("get rid of") stands for the verb it means, not missing; one
    // read as a stop word ("set") only adds the meant verb, which a passage need not hold.
    const needed = standIn([written, verb], found.notFound, found.missing);
    found.add({ alternatives: meaning, ...(needed ? {} : { optional: true }) });
  }
}

/**
 * Takes words out of what the question lacks when a concept now stands for them (their joined
 * form, the verb a phrasal verb means); whether any was lacking.
 */
function standIn(words: readonly string[], notFound: string[], missing: ParsedQuestion['missing']): boolean {
  let any = false;
  for (const w of words) {
    const at = notFound.indexOf(w);
    if (at < 0) continue;
    any = true;
    notFound.splice(at, 1);
    const gone = missing.findIndex((m) => m.word === w);
    if (gone >= 0) missing.splice(gone, 1);
  }
  return any;
}

/**
 * "301 or 302", "Windows or macOS": two words joined by "or" ask about either, so they are one
 * concept that either matches (a passage needs one of them, and one the documents lack is not
 * missing when the other is there).
 */
function mergeAlternatives(slots: Slot[], question: string): void {
  const pairs = new Set<string>();
  for (const m of question.matchAll(/([^\s,;:?!()]+)\s+or\s+([^\s,;:?!()]+)/giu))
    pairs.add(`${(m[1] as string).toLowerCase()}\u0000${(m[2] as string).toLowerCase()}`);
  if (pairs.size === 0) return;
  for (let i = 0; i + 1 < slots.length; i++) {
    const a = slots[i] as Slot;
    const b = slots[i + 1] as Slot;
    if (a.words.length !== 1 || b.words.length !== 1) continue;
    // A name with its version (`HTTP/3 or QUIC`) is found by how a passage writes it (see
    // numberForms): it stays a concept of its own.
    if (a.words.concat(b.words).some((w) => /\/\d/.test(w.written))) continue;
    if (!pairs.has(`${a.words[0]?.written}\u0000${b.words[0]?.written}`)) continue;
    slots.splice(i, 2, {
      words: [...a.words, ...b.words],
      concept: { alternatives: [...a.concept.alternatives, ...b.concept.alternatives] },
    });
  }
}

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

/** Stop words and question scaffolding, for recognising them misspelt. */
let functionWords: TypoIndex | undefined;

/** A word one edit from a stop word or a scaffolding word ("becuase", "shoud", "somthing"). */
function misspeltStopWord(word: Word): boolean {
  if (word.exact || !/^\p{L}{4,}$/u.test(word.written) || isEnglishWord(word.written)) return false;
  functionWords ??= new TypoIndex([...STOP_WORDS, ...QUESTION_WORDS]);
  return functionWords.nearest(word.written, 1).length > 0;
}

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
  // What the question quotes is context wherever it stands: a block of code, the frames of a
  // stack trace, a URL, an address, a path.
  const out = new Set([...said.code, ...said.places]);
  const { sentences, aside } = sentencesOf(said.rest);
  const asideWords = aside === undefined ? [] : words(aside, false);
  // One sentence quoting nothing (most questions) has no context: nothing more to read.
  if (out.size === 0 && sentences.length < 2 && asideWords.length === 0) return out;
  // A sentence asks when it ends with a question mark or opens with a question word; when none
  // does, the last one is what is asked (the sentences before it say where the asker stands).
  const told = sentences.map((t) => words(t, false));
  const asks = sentences.map((t) => /\?["'\u201D)]*$/.test(t) || ASKS.test(t));
  if (!asks.includes(true) && asks.length > 0) asks[asks.length - 1] = true;
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
  return out;
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
function ownSentences(question: string): string[] {
  return sentencesOf(quoted(question).rest).sentences;
}

/**
 * What a question quotes, taken out in the order of QUOTED (a URL inside code is code): the
 * words of its code (blocks, stack frames), those of the places it names (a URL, an address, a
 * path), and the question without them.
 */
function quoted(question: string): { code: Set<string>; places: Set<string>; rest: string } {
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
  /\b(?:https?|ftp|wss?|file):\/\/[^\s"'<>`)]+|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b|\blocalhost:\d{1,5}\b|(?<![\w.])(?:~|\.{1,2})?(?:\/[\w.@+-]+){2,}\/?|\b[A-Za-z]:\\[^\s"'<>`]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;

/** Keywords of the languages people paste, which name nothing of their case. */
const CODE_KEYWORDS = new Set(
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
const VERSION = /^v?\d+(?:\.\d+)*$/;

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

/**
 * Whether a word the documents lack is what the question is about rather than how it is put:
 * a number or acronym, a word English dictionaries lack, or a name (capitalised inside the
 * sentence). "When did Cameron become prime minister?" is about Cameron; "How does Washington
 * view Iran?" is not about a view.
 */
function isSpecific(word: Word, question: string): boolean {
  return !isEnglishWord(word.written) || isName(word, question);
}

/**
 * The numbers a question writes onto a word, each with how a passage must write it: a version
 * after a slash (`HTTP/2`, `TLS/1.3`: the word, letters only, then the number, with or without
 * the slash, so "HTTP 2", "http2" and `HTTP/2.0` too) and a percentage (`10%`, "10 percent",
 * either way). "Does undici support HTTP/3?" is not answered by a passage that says HTTP and,
 * elsewhere, 3. The written form is all such a concept needs: `http2` is one term, not http
 * and 2. `IPv4/6` and `x86/64` make no form (a word with digits before the slash).
 */
function numberForms(question: string): Map<string, RegExp> {
  const sources = new Map<string, string[]>();
  const add = (n: string, source: string) => sources.set(n, [...(sources.get(n) ?? []), source]);
  const number = (n: string) => n.replace(/\./g, '\\.');
  for (const m of question.matchAll(/(?<![\p{L}\p{N}])(\p{L}+) ?\/ ?(\d+(?:\.\d+)*)(?![\p{L}\p{N}])/gu)) {
    const [, word, n] = m as unknown as [string, string, string];
    // `HTTP/2.0` is `HTTP/2`; `HTTP/2.1` is not.
    add(n, `(?<![\\p{L}\\p{N}])${matchText(word)} ?[/-]? ?${number(n)}(?:\\.0+)?(?![\\p{N}]|\\.\\d)`);
  }
  for (const m of question.matchAll(/(?<![\p{N}.])(\d+(?:\.\d+)?) ?(?:%|per ?cent\b)/giu)) {
    const n = m[1] as string;
    add(n, `(?<![\\p{N}.])${number(n)} ?(?:%|per ?cent\\b)`);
  }
  // The same number written onto two words (`HTTP/2` and `2%`) must be found both ways.
  return new Map(
    [...sources].map(([n, all]) => [
      n,
      new RegExp(`^${all.map((a) => `(?=[\\s\\S]*?(?:${a}))`).join('')}`, 'u'),
    ]),
  );
}

/** Prefixes written with a hyphen that no dictionary lists alone (`multi-factor`, `pre-release`). */
const COMBINING_PREFIXES = new Set([
  'anti',
  'auto',
  'bi',
  'co',
  'cross',
  'de',
  'ex',
  'inter',
  'intra',
  'macro',
  'mega',
  'meta',
  'micro',
  'mid',
  'mini',
  'multi',
  'non',
  'out',
  'over',
  'post',
  'pre',
  'pro',
  're',
  'self',
  'semi',
  'sub',
  'super',
  'ultra',
  'un',
  'under',
]);

/**
 * A part of a hyphenated word that names something (`debian` in `debian-user`, `aws` in
 * `aws-sdk`): no word a dictionary has, nor one of its forms (`forwarded`, `stamped`, `ons`),
 * nor a letter or a prefix (`x-ray`, `e-mail`, `multi-factor`, `co-op`).
 */
function nameLikePart(part: string): boolean {
  if (part.length < 2 || COMBINING_PREFIXES.has(part) || isEnglishWord(part)) return false;
  const stem = terms(part)[0];
  return stem === undefined || !isEnglishWord(stem);
}

/**
 * A number, an acronym, a word capitalised inside the sentence (a name), or a hyphenated word
 * with a part no dictionary has (`debian-user`; not `spanish-language`, `co-operate` or
 * `on-prem`).
 */
function isName(word: Word, question: string): boolean {
  if (word.exact || /\d/.test(word.written)) return true;
  if (/^\p{L}+(?:-\p{L}+)+$/u.test(word.written)) {
    // Not with a small word in it (`on-prem`, `in-app`, `per-user`): a phrase, not a name.
    const parts = word.written.split('-');
    if (parts.some(nameLikePart) && !parts.some(isStopWord)) return true;
  }
  return capitalisedInside(question).has(word.written);
}

/** The last question read by capitalisedInside, and its words (one question is read word by word). */
let capitalised: { question: string; words: Set<string> } | undefined;

/**
 * The words (lower case) a question writes capitalised inside a sentence: after a word, not
 * after `.`, `!`, `?`, `:`, `;`, a quote or a bracket. One pass, kept for the question's next word.
 */
function capitalisedInside(question: string): Set<string> {
  if (capitalised?.question === question) return capitalised.words;
  const words = new Set<string>();
  for (const m of question.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu)) {
    if (!/^\p{Lu}/u.test(m[0])) continue;
    let at = m.index - 1;
    while (at >= 0 && /\s/.test(question.charAt(at))) at--;
    if (at >= 0 && !/[.!?:;"(\u201C]/.test(question.charAt(at))) words.add(m[0].toLowerCase());
  }
  capitalised = { question, words };
  return words;
}

/**
 * The words a yes-or-no question asks permission with ("is cheating allowed?", "is it ok to…",
 * "am I permitted to…"), and such a question (see permissionWeight).
 */
const PERMISSION_QUESTION =
  /(?:^|[.!?:]\s{1,4})[^\p{L}\p{N}\s]{0,4}(?:am|is|are|can|may|could|would)(?:n[’']?t)?\b([^?.!]{0,300}?)\b(allowed|permitted|ok|okay|acceptable)\b(?=\s*(?:[?.!,;:)]|$|(?:to|in|on|here|there|for|at|during|anywhere|if|when|now|again|anymore|or)\b))/iu;

/**
 * The word a question asks permission with, in lower case, if it does. In capitals, "OK" asks
 * only after "it", "this", "that" or "be" ("Is it OK to…"): elsewhere it is a status ("Is 200
 * OK for a DELETE request?").
 */
function permissionWord(question: string): string | undefined {
  const m = PERMISSION_QUESTION.exec(question);
  const word = m?.[2];
  if (!m || !word) return undefined;
  if (word === word.toUpperCase() && !/\b(?:it|this|that|be)\s+$/i.test(m[1] ?? '')) return undefined;
  return word.toLowerCase();
}

/** A word's concept with the longer corpus words it begins as weaker alternatives. */
function withDerived(
  concept: Concept,
  word: Word | undefined,
  vocabulary: Vocabulary,
  weight: number,
): Concept {
  const only = concept.alternatives.length === 1 ? concept.alternatives[0] : undefined;
  const term = only?.terms.length === 1 ? only.terms[0] : undefined;
  if (weight <= 0 || !word || word.exact || !term || !/^\p{L}{4,}$/u.test(term)) return concept;
  const derived = vocabulary.derived(term);
  if (derived.length === 0) return concept;
  return {
    alternatives: [...concept.alternatives, ...derived.map((d) => ({ terms: [d], weight }))],
  };
}

const LETTER_WORDS = /\p{L}+/gu;

/**
 * Terms of two neighbouring words of the question written as one, when the documents have it:
 * "query string" also finds `querystring`, "keep alive" `keepAlive`.
 */
function joinedTerms(question: string, vocabulary: Vocabulary): { term: string; words: string[] }[] {
  const raw = question.match(LETTER_WORDS) ?? [];
  const out: { term: string; words: string[] }[] = [];
  for (let i = 0; i + 1 < raw.length && out.length < 8; i++) {
    const a = (raw[i] as string).toLowerCase();
    const b = (raw[i + 1] as string).toLowerCase();
    if (a.length < 2 || b.length < 2) continue;
    // A written word of the documents (no tokenising: most joined pairs are no word at all).
    // "building up" also finds buildup, "logging in" login: the first word's stem, when it is
    // the start of the word as written, joined to the second.
    const stem = terms(a)[0];
    const t = [
      `${a}${b}`,
      ...(stem && stem !== a && stem.length >= 3 && a.startsWith(stem) ? [`${stem}${b}`] : []),
    ]
      .map((joined) => vocabulary.termOf(joined))
      .find((term) => term !== undefined && vocabulary.has(term));
    if (t && !out.some((o) => o.term === t)) out.push({ term: t, words: [a, b] });
  }
  return out;
}

const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/u;

function correct(word: string, vocabulary: Vocabulary, budget: TypoBudget): { word: string; term: string }[] {
  // A real English word missing from the corpus is missing, not misspelt. A word in another
  // script than Latin is never corrected: no keyboard is known for it, and in Russian the forms
  // of two words are often a letter or two apart (`запретить`, forbid, is not `запустить`).
  if (allowedEdits(word.length) === 0 || isEnglishWord(word) || NON_LATIN_LETTER.test(word)) return [];
  const out: { word: string; term: string }[] = [];
  const terms = new Set<string>();
  for (const candidate of vocabulary.typos.nearest(word, undefined, budget)) {
    if (!plausibleTypo(word, candidate)) continue;
    const term = vocabulary.termOf(candidate);
    if (!term || terms.has(term) || !vocabulary.has(term)) continue;
    terms.add(term);
    out.push({ word: candidate, term });
    if (out.length >= MAX_CORRECTIONS) break;
  }
  return out;
}

/** An alias group member starting at content[i]: one concept whose alternatives are the group. */
function matchAlias(
  content: readonly Word[],
  i: number,
  aliases: readonly AliasGroup[],
  aliasWeight: number,
): { length: number; concept: Concept } | null {
  const candidates = aliasIndex(aliases).get(termsKey(content[i]?.alternatives[0] ?? []));
  if (candidates === undefined) return null;
  let best: { length: number; concept: Concept } | null = null;
  for (const { group, member } of candidates) {
    if (i + member.length > content.length) continue;
    if (!member.every((terms, k) => same(terms, content[i + k]?.alternatives[0] ?? []))) continue;
    if (best && best.length >= member.length) continue;
    best = {
      length: member.length,
      concept: {
        alternatives: group.map((m) => ({
          terms: [...new Set(m.flat())],
          whole: true,
          weight: m === member ? 1 : aliasWeight,
        })),
      },
    };
  }
  return best;
}

const termsKey = (terms: readonly string[]): string => terms.join('\u0000');

/** Each alias group's members by the terms of their first word, in the groups' order (made once per list). */
const aliasIndexes = new WeakMap<
  readonly AliasGroup[],
  Map<string, { group: AliasGroup; member: string[][] }[]>
>();

/**
 * The members of the alias groups by their first word: a question word is looked up, not
 * compared with every member of every group (2,000 groups of 32 took a long question from
 * 9 ms to 176 ms).
 */
function aliasIndex(
  aliases: readonly AliasGroup[],
): Map<string, { group: AliasGroup; member: string[][] }[]> {
  let index = aliasIndexes.get(aliases);
  if (index === undefined) {
    index = new Map();
    for (const group of aliases)
      for (const member of group) {
        if (member.length === 0) continue;
        const key = termsKey(member[0] as string[]);
        const list = index.get(key);
        if (list) list.push({ group, member });
        else index.set(key, [{ group, member }]);
      }
    aliasIndexes.set(aliases, index);
  }
  return index;
}

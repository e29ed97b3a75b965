/**
 * A question as it is read: without chat markup, emoji and smileys, without the language named
 * after a code fence, with Discord's quotes read as said, without what opens and closes it and
 * asks nothing (greetings, "quick question:", thanks, sign-offs), in lower case when shouted.
 */
import { endsSentence } from './sentences.js';

/**
 * Chat markup that holds no words: a mention of a user, a role or a channel (`<@123…>`,
 * `<@&…>`, `<#…>`), a custom emoji (`<:thinking:987…>`), a timestamp (`<t:1700000000:R>`), a
 * command (`</ask:123…>`). A question typed in a chat may hold them; they are read as a space.
 */
const CHAT_MARKUP =
  /<(?:@[!&]?\d{1,20}|#\d{1,20}|a?:\w{1,32}:\d{1,20}|t:-?\d{1,13}(?::[tTdDfFR])?|\/[\w -]{1,100}:\d{1,20})>/g;
/**
 * A link as a chat writes it: Markdown's `[the guide](https://…)` (its address may hold one pair
 * of brackets: `…/wiki/Ferry_(boat)`) and an address in angle brackets
 * (`<https://…>`, Discord's way to post one without its preview). Read as the text and the bare
 * address, which the question quotes like any other (see query-context.ts): no word of it is
 * missing from the documents, and "see [this](https://…)" no longer keeps the answer away.
 */
const MARKDOWN_LINK =
  /\[([^[\]\n]{0,200})\]\(<?((?:https?|ftp):\/\/(?:[^\s()<>]|\([^\s()<>]{0,200}\)){1,2000})>?\)/g;
const BRACKETED_ADDRESS = /<((?:https?|ftp):\/\/[^\s<>]{1,2000})>/g;
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
  // A greeting, drawn out too: "hiii", "heyyy", "hellooo", "yooo"; "gm" (good morning), "sup".
  `(?:hi+|hey+|heya|hell+o+|hiya|howdy|yo+|sup|wassup|gm|greetings|good\\s+(?:morning|afternoon|evening|day))(?:\\s+(?:there|all|everyone|everybody|guys|folks|team|people|friends|y'all|sirs?|madam|ma'am))?(?:${AFTER_LEAD}|\\s+(?=@[\\w.-]))`,
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

/**
 * A question as it is read: links as their text and address, without chat markup and emoji,
 * without the language named after a code fence, without what opens and closes it and asks nothing, in lower case when shouted.
 */
export const plainQuestion = (question: string): string =>
  unshouted(
    withoutCourtesies(
      quotesSaid(question.replace(FENCE_INFO, '$1$2'))
        .replace(MARKDOWN_LINK, '$1 $2')
        .replace(BRACKETED_ADDRESS, ' $1 ')
        .replace(CHAT_MARKUP, ' ')
        .replace(EMOJI, ' ')
        .replace(EMOTICON, ' '),
    ),
  );

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

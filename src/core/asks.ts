/**
 * What kind of answer a question asks for (a price, a limit, a quantity, a time, a way to do
 * something), and whether a text holds one.
 */
import { matchText } from './normalize.js';

/**
 * What kind of answer the question asks for, from its wh-words: a price ("how much does it
 * cost", "what is the fee for…", "how much is the Pro plan?"), a limit (a quantity something
 * can reach: "how many connections can it handle?", "what is the maximum size…"), a quantity
 * ("how many", "how much", "how old", "how long", "what percentage") or a time ("when", "what
 * year", "which day"); null for anything else. What something costs in time, memory or
 * performance is a quantity, not a price.
 */
export function expectedAnswer(question: string): ExpectedAnswer {
  const q = matchText(question);
  const resource = RESOURCE.test(q);
  if (
    !resource &&
    ((/\b(?:cost|costs|price|prices|priced|pricing|fee|fees|charge|charged|charges|pay)\b/.test(q) &&
      /\bhow much\b|\bwhat (?:does|do|will|would) .*\bcost\b|\bwhat(?:'s|\s+is|\s+are)\s+the\s+(?:\w+\s+)?(?:price|cost|fee|charge)s?\b/.test(
        q,
      )) ||
      /\bhow much (?:is|are|does|do)\b(?:\s+\S+){0,4}?\s+(?:plan|plans|tier|subscription|membership|licen[cs]e|seat|seats|ticket|tickets|upgrade|premium|pro|account|course|class|pass)\b/.test(
        q,
      ))
  )
    return 'price';
  const quantity =
    /\bhow (?:many|much|old|long|far|big|large|often)\b|\bwhat (?:percentage|proportion|number|amount)\b/.test(
      q,
    );
  if (
    /\bwhat(?:'s|\s+is|\s+are)\s+the\s+(?:maximum|minimum|max|min|largest|smallest|highest|lowest)\s+(?:[a-z]+\s+)?(?:size|number|length|limit|price|cost|age|amount|count|value|speed|rate|duration|width|height|weight)s?\b/.test(
      q,
    ) ||
    (quantity && /\b(?:can|could|max|maximum|limit|at most|up to|allowed)\b/.test(q))
  )
    return 'limit';
  if (quantity) return 'quantity';
  if (
    /^\s*when\b|[,;]\s*when\b|\b(?:what|which) (?:year|date|day|month|time)\b|\b(?:since|by|until) when\b|\bhow soon\b/.test(
      q,
    )
  )
    return 'time';
  return null;
}

/** What a question may ask the cost of that is no price: time, memory, speed… */
const RESOURCE =
  /\b(?:performance|overhead|memory|ram|cpu|disk|storage|space|bandwidth|latency|speed|time|tokens?|battery|power|energy)\b/;

const NUMBER_WORDS =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|once|twice|several|few|all|none|no longer|forever|indefinitely|unlimited|every|each|hourly|nightly|daily|weekly|monthly|yearly|annually|an? (?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade))\b/i;
const TIME_WORDS =
  /\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight|morning|afternoon|evening|night|midnight|noon|dawn|dusk|sunrise|sunset|hours?|minutes?|weekends?|week|month|year|decade|century|season|spring|summer|autumn|winter|ago|since|until|before|after|during|daily|weekly|monthly|annually|always|never|immediately|once)\b/i;

/**
 * A word that asks about versions or changes (see ParsedQuestion.changes), a version among them
 * (`v4`, `v4.2`, `4.2.0`; not `2.5` or `127.0.0.1`).
 */
export const CHANGE_WORD =
  /^(?:versions?|releases?|released|releasing|change-?logs?|changes|changed|added|introduced|since|deprecat\w*|removed|renamed|replaces?|replaced|breaking|upgrad\w*|migrat\w*|v\d+(?:\.\d+){0,3}|\d+\.\d+\.\d+)$/i;

/**
 * Whether a question asks for a way to do something ("how do I report…", "how to…", "where can
 * I…"), not how to avoid something ("how do I stop…", "…without…"): a prohibition does not
 * answer it (see directAnswer).
 */
export function asksForWay(question: string): boolean {
  const q = matchText(question);
  return (
    /\bhow\s+(?:do|does|can|could|should|would|will|to)\b|\bwhere\s+(?:do|can|should)\s+(?:i|we)\b|\bwhat(?:'s|\s+is)\s+the\s+(?:best\s+|right\s+)?way\s+to\b/.test(
      q,
    ) && !/\b(?:not|never|avoid|prevent|stop|without|disable|block|forbid)\b|n't\b|\bkeep\b.*\bfrom\b/.test(q)
  );
}

/**
 * An API that gives the quantity asked for: "Returns the amount of free system memory" (not
 * "returns a number", a type; nor for a limit: returning how many there are says nothing of
 * how many there can be).
 */
const RETURNS_QUANTITY =
  /\breturns? (?:the )?(?:\w+ )?(?:amount|number|count|size|length|total|percentage) of\b/i;

/** Currencies written as words or codes after an amount (`2,500 pesos`, `20 USD`, `50 kr`). */
const CURRENCY =
  'dollars?|euros?|pounds?|cents?|pence|pesos?|yen|yuan|rupees?|roubles?|rubles?|francs?|kron(?:a|e|or|er)|kr|won|reais|rand|lira|lire|dinars?|dirhams?|riyals?|shekels?|zloty|baht|ringgit|credits?|coins?|gems?|usd|eur|gbp|jpy|cny|inr|cad|aud|nzd|chf|sek|nok|dkk|pln|czk|huf|brl|mxn|krw|rub|try|zar|sgd|hkd|ils|aed|sar|thb|myr|idr|php|ars|clp|cop';
/** A number in words ("twelve", "forty-five", "a hundred"), as an amount may be written. */
const SPELLED_NUMBER =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|a (?:hundred|thousand|million)';
/**
 * Currencies after an amount in words: only names that are nothing else ("two pounds of flour",
 * "three credits", "no one won", "one try" are no prices).
 */
const SPELLED_CURRENCY =
  'dollars?|euros?|cents?|pence|pesos?|yen|yuan|rupees?|roubles?|rubles?|francs?|kron(?:a|e|or|er)|reais|lira|lire|dinars?|dirhams?|riyals?|shekels?|zloty|baht|ringgit|pounds?(?!\\s+of\\b)';
/**
 * An amount of money, or words that say it costs nothing ("is free", "at no extra cost"), or a
 * figure labelled as a price (a price table's `Price: 300`, "costs 20").
 */
const MONEY = new RegExp(
  `\\b(?:${SPELLED_NUMBER})(?:[ -](?:${SPELLED_NUMBER}))*\\s(?:${SPELLED_CURRENCY})\\b|[$€£¥₹₩₽]\\s?\\d|\\d\\s?(?:[$€£¥₹₩₽]|(?:${CURRENCY})\\b)|\\b(?:rs\\.?|usd|eur|gbp|inr|cad|aud|chf)\\s?\\d|\\b(?:(?:is|are|be|it's|completely|totally|always|entirely|stays?) free\\b|for free\\b|free of charge|free (?:plan|tier|version|edition|account|trial|forever|for (?:everyone|all|personal|open|non|individuals|students|teams))|at no (?:extra |additional )?(?:cost|charge)|no (?:extra |additional )?(?:charge|cost|fee)s?\\b|costs? nothing|gratis|\\b(?:price|prices|cost|costs|fee|fees)(?:\\s*\\([^()]{0,16}\\))?\\s*[:=]\\s*\\d|\\bcosts?\\s+\\d)`,
  'i',
);

/** The kind of answer a question asks for (see expectedAnswer). */
export type ExpectedAnswer = 'price' | 'limit' | 'quantity' | 'time' | null;

/** Whether a text holds the kind of answer a question asks for (any text does when it asks for none). */
export function holdsAnswer(text: string, expected: ExpectedAnswer): boolean {
  if (expected === 'price') return MONEY.test(text);
  if (expected === 'limit') return NUMBER_WORDS.test(text);
  if (expected === 'quantity') return NUMBER_WORDS.test(text) || RETURNS_QUANTITY.test(text);
  if (expected === 'time') return TIME_WORDS.test(text) || NUMBER_WORDS.test(text);
  return true;
}

/**
 * Knowledge gaps: the events the bot records (votes on answers, questions left without a direct
 * answer) and the report made from them. Pure: the store that keeps the events is the bot's.
 */

export type GapEvent = VoteEvent | UnansweredEvent;

interface EventBase {
  /** Milliseconds since the epoch. */
  at: number;
  guild: string | null;
  /** Keyed hash of the user id (never the id itself). */
  user: string;
}

export interface VoteEvent extends EventBase {
  type: 'vote';
  /** The answer voted on: its message id (a later vote by the same user on it replaces this one). */
  message: string;
  question: string;
  /** The cited passage of the answer, if it had one. */
  source: string | null;
  paragraph: number | null;
  vote: 'up' | 'down';
  reason?: string;
}

export interface UnansweredEvent extends EventBase {
  type: 'unanswered';
  question: string;
  /** What the question asks for, as the index reads it (see Engine.need): rephrasings share it. */
  need: string[];
  /** Words of the question the documents do not have. */
  missing: string[];
  /** Whether related passages were shown. */
  related: boolean;
}

/** An event as a command hands it over: the time and the user's hash are the store's job. */
export type NewEvent =
  | (Omit<VoteEvent, 'at' | 'user'> & { userId: string })
  | (Omit<UnansweredEvent, 'at' | 'user'> & { userId: string });

const isString = (v: unknown): v is string => typeof v === 'string';

/** A stored line as an event, or null when it is not one (torn, or written by something else). */
export function parseEvent(line: string): GapEvent | null {
  // A record is one JSON object: garbage lines (a file of millions) fail here, not in a throw.
  const text = line.trim();
  if (text.charCodeAt(0) !== 0x7b || text.charCodeAt(text.length - 1) !== 0x7d) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const e = v as Record<string, unknown>;
  if (typeof e.at !== 'number' || !isString(e.user) || !(e.guild === null || isString(e.guild))) return null;
  if (e.type === 'vote') {
    if (!isString(e.message) || !isString(e.question) || (e.vote !== 'up' && e.vote !== 'down')) return null;
    if (e.reason !== undefined && !isString(e.reason)) return null;
    // What the report shows of it: a wrong type would break every report of the period.
    if (!(e.source === null || isString(e.source))) return null;
    if (!(e.paragraph === null || (Number.isSafeInteger(e.paragraph) && (e.paragraph as number) >= 0)))
      return null;
    return e as unknown as VoteEvent;
  }
  if (e.type === 'unanswered') {
    if (!isString(e.question) || !Array.isArray(e.need) || !Array.isArray(e.missing)) return null;
    if (!e.need.every(isString) || !e.missing.every(isString)) return null;
    if (typeof e.related !== 'boolean') return null;
    return e as unknown as UnansweredEvent;
  }
  return null;
}

/** A need the documents did not meet: rephrasings of one question counted together. */
export interface NeedRow {
  /** The most recent wording. */
  question: string;
  /** Other wordings, most recent first (a few). */
  also: string[];
  /** Times asked, and by how many people. */
  asked: number;
  people: number;
  /** Words the documents lack, the commonest first. */
  missing: string[];
  /** Times related passages were shown instead. */
  related: number;
  last: number;
}

export interface AnswerRow {
  question: string;
  source: string | null;
  paragraph: number | null;
  down: number;
  up: number;
  /** The reasons given with 👎, most recent first. */
  reasons: string[];
}

export interface DocumentRow {
  source: string;
  down: number;
  up: number;
}

export interface GapsReport {
  days: number | null;
  /** Events the report read. */
  events: number;
  needs: NeedRow[];
  answers: AnswerRow[];
  documents: DocumentRow[];
}

/** Rows kept per section of a report. */
export const REPORT_ROWS = 100;

const byCount = <K>(counts: Map<K, number>): K[] =>
  [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);

type NeedTally = {
  wordings: Map<string, number>;
  asked: number;
  people: Set<string>;
  missing: Map<string, number>;
  related: number;
  last: number;
};

/**
 * Builds the report one event at a time (events in any order): memory grows with the distinct
 * needs and votes, not with the events read.
 */
export class GapsTally {
  private count = 0;
  private readonly needs = new Map<string, NeedTally>();
  /** Each person's latest vote on each answer. */
  private readonly votes = new Map<string, VoteEvent>();

  add(e: GapEvent): void {
    this.count++;
    if (e.type === 'vote') {
      const key = `${e.message}\u0000${e.user}`;
      const before = this.votes.get(key);
      if (!before) this.votes.set(key, e);
      else if (before.at <= e.at) {
        // A reason sent after the vote (the form) keeps it; a changed vote drops the old reason.
        const reason = e.reason ?? (before.vote === e.vote ? before.reason : undefined);
        this.votes.set(key, reason === undefined ? { ...e } : { ...e, reason });
      } else if (before.vote === e.vote && before.reason === undefined && e.reason !== undefined) {
        this.votes.set(key, { ...before, reason: e.reason });
      }
      return;
    }
    const key = e.need.length > 0 ? [...e.need].sort().join(' ') : e.question.toLowerCase().trim();
    let row = this.needs.get(key);
    if (!row) {
      row = { wordings: new Map(), asked: 0, people: new Set(), missing: new Map(), related: 0, last: 0 };
      this.needs.set(key, row);
    }
    row.asked++;
    row.people.add(e.user);
    if (row.wordings.size < 64 || row.wordings.has(e.question))
      row.wordings.set(e.question, Math.max(row.wordings.get(e.question) ?? 0, e.at));
    for (const w of e.missing) row.missing.set(w, (row.missing.get(w) ?? 0) + 1);
    if (e.related) row.related++;
    row.last = Math.max(row.last, e.at);
  }

  /**
   * Needs most often unmet (by people, then times asked), answers most voted down with their
   * reasons, documents whose passages were voted down most.
   */
  report(days: number | null = null): GapsReport {
    const needs: NeedRow[] = [...this.needs.values()]
      .sort((a, b) => b.people.size - a.people.size || b.asked - a.asked || b.last - a.last)
      .slice(0, REPORT_ROWS)
      .map((r) => {
        const wordings = [...r.wordings.entries()].sort((a, b) => b[1] - a[1]).map(([q]) => q);
        return {
          question: wordings[0] as string,
          also: wordings.slice(1, 4),
          asked: r.asked,
          people: r.people.size,
          missing: byCount(r.missing).slice(0, 8),
          related: r.related,
          last: r.last,
        };
      });
    const answers = new Map<string, AnswerRow & { last: number }>();
    const documents = new Map<string, DocumentRow>();
    for (const v of [...this.votes.values()].sort((a, b) => b.at - a.at)) {
      const key = `${v.source ?? ''}\u0000${v.paragraph ?? ''}\u0000${v.question.toLowerCase()}`;
      let row = answers.get(key);
      if (!row) {
        row = {
          question: v.question,
          source: v.source,
          paragraph: v.paragraph,
          down: 0,
          up: 0,
          reasons: [],
          last: v.at,
        };
        answers.set(key, row);
      }
      row[v.vote]++;
      if (v.vote === 'down' && v.reason?.trim() && row.reasons.length < 5) row.reasons.push(v.reason.trim());
      if (v.source) {
        const doc = documents.get(v.source) ?? { source: v.source, down: 0, up: 0 };
        doc[v.vote]++;
        documents.set(v.source, doc);
      }
    }
    return {
      days,
      events: this.count,
      needs,
      answers: [...answers.values()]
        .filter((a) => a.down > 0)
        .sort((a, b) => b.down - a.down || a.up - b.up || b.last - a.last)
        .slice(0, REPORT_ROWS)
        .map(({ last: _last, ...row }) => row),
      documents: [...documents.values()]
        .filter((d) => d.down > 0)
        .sort((a, b) => b.down - a.down || a.up - b.up)
        .slice(0, REPORT_ROWS),
    };
  }
}

/** The report over a list of events. */
export function gapsReport(events: Iterable<GapEvent>, days: number | null = null): GapsReport {
  const tally = new GapsTally();
  for (const e of events) tally.add(e);
  return tally.report(days);
}

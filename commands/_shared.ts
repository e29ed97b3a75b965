/**
 * What every command module shares: the Command contract, the context the bot gives it, and
 * the views a command asks the bot to show. A command reads its options, asks the core, and
 * returns a View — plain data; the bot renders it to a Discord payload in one place.
 */
import { randomBytes } from 'node:crypto';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ContextMenuCommandBuilder,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import type { Answer, DocumentInfo, Engine, Result } from '../src/core/index.js';

/** Results shown per page of an answer. */
export const PAGE_SIZE = 3;
/** Results fetched for paging (More results goes through them). */
export const MAX_RESULTS = 10;
/** How long the buttons of an answer work. */
export const BUTTON_TTL_MS = 10 * 60 * 1000;

/** An autocomplete choice (the renderer enforces Discord's 1–100 characters and 25 choices). */
export interface Choice {
  name: string;
  value: string;
}

/** What a command asks the bot to show. */
export type View =
  | {
      kind: 'answer';
      answer: Answer;
      /** Index of the first result on this page. */
      offset: number;
      /** The session id the page buttons refer to. */
      session: string;
    }
  | {
      /** No result: the words not found and what to try instead. */
      kind: 'nothing';
      answer: Answer;
      suggestions: string[];
    }
  | {
      /** Full paragraphs, for Show paragraph. */
      kind: 'paragraphs';
      question: string;
      results: Result[];
    }
  | {
      /** Every document, a page of them. */
      kind: 'sources';
      documents: DocumentInfo[];
      page: number;
      passages: number;
    }
  | {
      /** One document in detail. */
      kind: 'source';
      document: DocumentInfo;
      /** Section headings, in order. */
      headings: string[];
      /** The document's first paragraph of text. */
      opening: string;
    }
  | {
      /** What a rebuild of the index changed. */
      kind: 'reindex';
      report: ReloadReport;
    }
  | {
      /** An expected problem the user can fix (empty question, unknown source, not yours to page…). */
      kind: 'problem';
      message: string;
    };

export interface Outcome {
  view: View;
  /** Only the user sees it. */
  ephemeral: boolean;
  /** For a button: replace the message the button is on instead of answering anew. */
  update?: boolean;
  /** Results found, for the log line. */
  results?: number;
}

/** A question asked on Discord, kept so its buttons can page through the results. */
export interface AskSession {
  userId: string;
  answer: Answer;
  createdAt: number;
}

/**
 * Sessions of recent answers, by id; they expire with their buttons. Ids are random (96 bits),
 * so an id from an old message or another process never names someone else's answer, and at
 * most `max` sessions are kept (the oldest go first).
 */
export class Sessions {
  private readonly store = new Map<string, AskSession>();

  constructor(
    private readonly ttlMs = BUTTON_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly max = 10_000,
  ) {}

  create(userId: string, answer: Answer): string {
    this.sweep();
    let id = randomBytes(12).toString('base64url');
    while (this.store.has(id)) id = randomBytes(12).toString('base64url');
    this.store.set(id, { userId, answer, createdAt: this.now() });
    while (this.store.size > this.max) this.store.delete(this.store.keys().next().value as string);
    return id;
  }

  get(id: string): AskSession | undefined {
    const s = this.store.get(id);
    if (s && this.now() - s.createdAt > this.ttlMs) {
      this.store.delete(id);
      return undefined;
    }
    return s;
  }

  get size(): number {
    return this.store.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.store) if (now - s.createdAt > this.ttlMs) this.store.delete(id);
  }
}

/** What a rebuild of the index changed (for /reindex). */
export interface ReloadReport {
  added: string[];
  removed: string[];
  changed: string[];
  documents: number;
  paragraphs: number;
  passages: number;
  /** Paragraphs before the rebuild. */
  previousParagraphs: number;
  ms: number;
  /** Files skipped (binary, empty…), one line each. */
  warnings: string[];
}

/** How many questions a user may ask per window, sliding (0: no limit). */
export class RateLimiter {
  private readonly asked = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a question; returns 0 when allowed, else the milliseconds until the next is. */
  take(userId: string): number {
    if (this.limit <= 0) return 0;
    const now = this.now();
    const recent = (this.asked.get(userId) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.asked.set(userId, recent);
      return (recent[0] as number) + this.windowMs - now;
    }
    recent.push(now);
    this.asked.set(userId, recent);
    if (this.asked.size > 10_000) {
      for (const [id, times] of this.asked)
        if (times.every((t) => now - t >= this.windowMs)) this.asked.delete(id);
    }
    return 0;
  }
}

/** What the bot gives every command. */
export interface Context {
  /** The engine answering now (a reload swaps it). */
  engine(): Engine;
  sessions: Sessions;
  /** Per-user question limit for /ask and the context menu. */
  limiter?: RateLimiter;
  /** Rebuilds the index now (absent where reloading is not possible, e.g. the console). */
  reload?(reason: string): Promise<ReloadReport>;
}

type Builder = { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };

interface Base {
  data: Builder & (SlashCommandOptionsOnlyBuilder | ContextMenuCommandBuilder);
  /** Always answers privately (and defers privately when slow). */
  private?: boolean;
  /**
   * The work is known to be heavy: the bot acknowledges with a deferral before running it, then
   * edits the result in (synchronous work blocks the timer that would otherwise defer it). A
   * function decides per interaction (e.g. a refusal is quick and answered directly).
   */
  defer?:
    | boolean
    | ((interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction) => boolean);
  /** Handles this command's buttons: custom ids `<command name>:<action>:<args…>`. */
  button?(
    interaction: ButtonInteraction,
    ctx: Context,
    action: string,
    args: string[],
  ): Outcome | Promise<Outcome>;
}

export interface SlashCommand extends Base {
  kind: 'slash';
  execute(interaction: ChatInputCommandInteraction, ctx: Context): Outcome | Promise<Outcome>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: Context): Choice[];
}

export interface MessageCommand extends Base {
  kind: 'message';
  execute(interaction: MessageContextMenuCommandInteraction, ctx: Context): Outcome | Promise<Outcome>;
}

export type Command = SlashCommand | MessageCommand;

/** Checks a loaded module is a command, so a broken file fails at start, not on first use. */
export function isCommand(value: unknown): value is Command {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<Command> & { data?: Partial<Builder> };
  return (
    (c.kind === 'slash' || c.kind === 'message') &&
    typeof c.execute === 'function' &&
    typeof c.data?.name === 'string' &&
    typeof c.data?.toJSON === 'function' &&
    (c.button === undefined || typeof c.button === 'function')
  );
}

/** Custom ids of buttons: `ask:more:<session>:<offset>`. */
export const customId = (command: string, action: string, ...args: (string | number)[]): string =>
  [command, action, ...args].join(':');

/** Documents matching typed text by title or file name, best first, for autocomplete. */
export function matchDocuments(documents: readonly DocumentInfo[], typed: string): Choice[] {
  const t = typed.trim().toLowerCase();
  const rank = (d: DocumentInfo): number => {
    if (!t) return 0;
    const file = d.source.toLowerCase();
    const title = d.title.toLowerCase();
    if (file.startsWith(t) || title.startsWith(t)) return 0;
    if (file.includes(t) || title.includes(t)) return 1;
    if (t.split(/\s+/).every((w) => title.includes(w) || file.includes(w))) return 2;
    return -1;
  };
  return documents
    .map((d, i) => ({ d, i, r: rank(d) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ d }) => ({ name: `${d.title} (${d.source})`, value: d.source }));
}

/**
 * The interaction lacks something Discord always sends (a required option, a context menu's
 * target): it was not understood. The bot answers privately and logs a warning, not an error.
 */
export class NotUnderstood extends Error {
  override readonly name = 'NotUnderstood';
}

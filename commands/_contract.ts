/**
 * The command contract: what a command module exports, what it reads from a request, and the
 * views it answers with. A command reads its options, asks the core, and returns a View —
 * plain data. The bot renders views, applies privacy and sends them, whatever carried the
 * request (the Discord gateway, HTTP interactions, the local console).
 */
import type {
  APIEmbed,
  ContextMenuCommandBuilder,
  RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import type {
  Answer,
  BuildProgress,
  DocumentInfo,
  Engine,
  GapsReport,
  NewEvent,
  Result,
} from '../src/core/index.js';

/** A message as a command sees it: a context menu's target, or the message a button is on. */
export interface MessageSeen {
  id: string;
  content: string;
  embeds: APIEmbed[];
}

/** What a command reads from an interaction. */
export interface Request {
  id: string;
  userId: string;
  /** The server it came from; null in a direct message. */
  guildId: string | null;
  /** Whether the member may manage the server (checked again by commands that need it). */
  canManageGuild: boolean;
  /** A string option; a missing required one means Discord did not send what it always sends. */
  string(name: string, required: true): string;
  string(name: string, required?: boolean): string | null;
  boolean(name: string): boolean | null;
  integer(name: string): number | null;
  /** The value typed into the focused option (autocomplete). */
  focused(): string;
  /** A context menu's target message, or the message a button is on. */
  message: MessageSeen | null;
  /** A button's or a form's custom id. */
  customId: string | null;
  /** A form's field, as the user filled it in (null: not sent). */
  field(id: string): string | null;
}

/** An autocomplete choice (the renderer enforces Discord's 1–100 characters and 25 choices). */
export interface Choice {
  name: string;
  value: string;
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

/** What a command asks the bot to show. */
export type View =
  | {
      kind: 'answer';
      answer: Answer;
      /** Index of the first result on this page. */
      offset: number;
      /** Who asked: only they can page it. */
      asker: string;
      /** The document the question was limited to (its path), if any. */
      source?: string;
      /** The tag of the documents the answer came from (see documentsTag). */
      tag: string;
      /** The documents changed since the page's first answer: say so. */
      changed?: boolean;
      /** Show 👍 and 👎 (the knowledge-gaps log is on). */
      votes?: boolean;
      /** Asked privately: no 👍 👎 on any of its pages (see AskButton.quiet). */
      quiet?: boolean;
    }
  | {
      /** No result: the words not found and what to try instead. */
      kind: 'nothing';
      answer: Answer;
      suggestions: string[];
    }
  | {
      /** Whole passages, for Show paragraph. */
      kind: 'paragraphs';
      question: string;
      results: Result[];
      changed?: boolean;
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
      /** How far a rebuild of the index is (shown while it runs, replaced by the report). */
      kind: 'reindexing';
      progress: BuildProgress;
    }
  | {
      /** An expected problem the user can fix (empty question, unknown source, not yours…). */
      kind: 'problem';
      message: string;
    }
  | {
      /** A short private acknowledgement (a vote counted). */
      kind: 'notice';
      message: string;
    }
  | {
      /** The knowledge-gaps report, a page of it. */
      kind: 'gaps';
      report: GapsReport;
      page: number;
      /** Records that could not be read (a torn last line after a crash). */
      skipped: number;
    };

/** A form with one text field (a Discord modal), shown in answer to a button. */
export interface Form {
  /** `<command name>:…`: the submitted form comes back to that command's `form` handler. */
  customId: string;
  title: string;
  field: { id: string; label: string; placeholder?: string; maxLength: number; required: boolean };
}

export interface Outcome {
  view: View;
  /** A button's outcome may be a form to fill in instead of a message (the view is then unused). */
  form?: Form;
  /** Only the user sees it (added to what the command's own `private` says). */
  private?: boolean;
  /** A button's outcome replaces the message the button is on, instead of a new reply. */
  update?: boolean;
  /** Results found, for the log line. */
  results?: number;
}

/** What the bot gives every command. */
export interface Context {
  /** The engine answering now (a reload swaps it). */
  engine(): Engine;
  /** Counts a question of a user: 0 when allowed, else the milliseconds until the next is. */
  limit?(userId: string): number;
  /**
   * Counts a button press or a form sent by a user (the router asks before any command runs):
   * 0 when allowed, else the milliseconds until the next is.
   */
  limitPress?(userId: string): number;
  /**
   * Rebuilds the index now (absent where reloading is not possible, e.g. the console);
   * `progress` hears how far the rebuild is.
   */
  reload?(reason: string, progress?: (progress: BuildProgress) => void): Promise<ReloadReport>;
  /** The knowledge-gaps log (absent when GAPS=off). */
  gaps?: GapsLog;
}

/** Where votes and unanswered questions go (see src/bot/gaps-store.ts). */
export interface GapsLog {
  /** Resolves once the event is stored durably. */
  record(event: NewEvent): Promise<void>;
  /**
   * The report of one server over the last `days` days (null: everything kept): its events
   * only, never another server's (nor a direct message's).
   */
  report(days: number | null, guild: string): Promise<{ report: GapsReport; skipped: number }>;
}

/**
 * Shows a view before the outcome, in place of the deferred reply (a heavy command saying how
 * far it is). The bot shows at most one every few seconds and drops what comes after the outcome.
 */
export type Interim = (view: View) => void;

type Builder = { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };

interface Base {
  data: Builder & (SlashCommandOptionsOnlyBuilder | ContextMenuCommandBuilder);
  /** Answers privately: always, or as the request asks (`/ask private:true`). */
  private?: boolean | ((request: Request) => boolean);
  /**
   * The work is known to be heavy: the bot acknowledges with a deferral before running it, then
   * edits the result in (synchronous work blocks the timer that would otherwise defer it).
   */
  defer?: boolean | ((request: Request) => boolean);
  /** Handles this command's buttons: custom ids `<command name>:…` (see each command's codec). */
  button?(request: Request, ctx: Context): Outcome | Promise<Outcome>;
  /** Handles this command's submitted forms (custom ids `<command name>:…`). */
  form?(request: Request, ctx: Context): Outcome | Promise<Outcome>;
}

export interface SlashCommand extends Base {
  kind: 'slash';
  execute(request: Request, ctx: Context, interim?: Interim): Outcome | Promise<Outcome>;
  autocomplete?(request: Request, ctx: Context): Choice[];
}

export interface MessageCommand extends Base {
  kind: 'message';
  execute(request: Request, ctx: Context, interim?: Interim): Outcome | Promise<Outcome>;
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
    (c.button === undefined || typeof c.button === 'function') &&
    (c.form === undefined || typeof c.form === 'function')
  );
}

/**
 * The request lacks something Discord always sends (a required option, a context menu's
 * target): it was not understood. The bot answers privately and logs a warning, not an error.
 */
export class NotUnderstood extends Error {
  override readonly name = 'NotUnderstood';
}

/** Whether a command answers a request privately (its own rule; outcomes may add privacy). */
export function isPrivate(command: Command | undefined, request: Request): boolean {
  const p = command?.private;
  return typeof p === 'function' ? p(request) : p === true;
}

/** Whether a command's work for a request is known to be heavy (deferred before it runs). */
export function isHeavy(command: Command | undefined, request: Request): boolean {
  const d = command?.defer;
  return typeof d === 'function' ? d(request) : d === true;
}

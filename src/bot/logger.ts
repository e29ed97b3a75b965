/** One line per event, `key=value` fields, filtered by LOG_LEVEL. Secrets never reach it. */
import { LOG_LEVELS, type LogLevel } from './config.js';

export type Fields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** Characters that could break a line, hide text or reorder it on a terminal: always escaped. */
const UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value in double quotes, every control, line-breaking and bidi character escaped: it stays on
 * its line and can send no terminal code (the log's values, the gaps report's questions).
 */
export function quoted(v: string): string {
  return JSON.stringify(v).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Plain values stay bare (`id=123`); anything else is quoted (logfmt). */
const value = (v: string) => (/^[\w.:/@+-]+$/.test(v) ? v : quoted(v));
/** A message stays bare when it is plain prose; one that carries a name from outside is quoted. */
const message = (m: string) => (/^[\w .,;:()'/@+-]*$/.test(m) ? m : quoted(m));
/** Field names are ours, but a bad one must not break the line either. */
const key = (k: string) => (/^[\w.-]+$/.test(k) ? k : k.replace(/[^\w.-]/g, '_') || '_');

/**
 * An error as one log field: `name: message` (a Discord API error's name carries its code, as in
 * `DiscordAPIError[50001]: Missing Access`).
 */
export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * One line per event: time, level, message, then `key=value` fields. Whatever a message or a
 * value holds (a file name with a line break, say), it stays on its line.
 */
export function formatLine(level: LogLevel, text: string, fields: Fields = {}): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${key(k)}=${value(String(v))}`);
  return [new Date().toISOString(), level.toUpperCase().padEnd(5), message(text), ...parts].join(' ');
}

/**
 * A logger writing lines at `level` and above. `base` fields (a shard's `shard=1`) go on every
 * line, after the event's own.
 */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => console.error(l),
  base: Fields = {},
): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const at =
    (l: LogLevel) =>
    (message: string, fields?: Fields): void => {
      if (LOG_LEVELS.indexOf(l) >= min) write(formatLine(l, message, { ...fields, ...base }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

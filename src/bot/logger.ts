/** One line per event, `key=value` fields, filtered by LOG_LEVEL. Secrets never reach it. */
import { LOG_LEVELS, type LogLevel } from './config.js';

export type Fields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

const quote = (v: string) => (/^[\w.:/@-]*$/.test(v) ? v : JSON.stringify(v));

export function formatLine(level: LogLevel, message: string, fields: Fields = {}): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${quote(String(v))}`);
  return [new Date().toISOString(), level.toUpperCase().padEnd(5), message, ...parts].join(' ');
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => console.error(l),
): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const at =
    (l: LogLevel) =>
    (message: string, fields?: Fields): void => {
      if (LOG_LEVELS.indexOf(l) >= min) write(formatLine(l, message, fields));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

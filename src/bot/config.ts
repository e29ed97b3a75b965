/**
 * Settings, read from the environment (and .env) once at start and validated together: every
 * problem is reported at once, each naming the variable and what to do. The token is never
 * printed.
 */
import 'dotenv/config';
import { DEFAULT_CACHE_DIR } from '../core/index.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Bot token; without it `npm start` runs the local console. */
  token?: string;
  /** Application (client) id, for deploying commands. */
  clientId?: string;
  /** Test guild for `npm run deploy`. */
  guildId?: string;
  seedsDir: string;
  /** Folder for index snapshots. */
  cacheDir: string;
  logLevel: LogLevel;
  /** REST base URL (a proxy or a test double); discord.js learns the gateway from it. */
  apiUrl?: string;
  /** /ask questions per user per 30 s; 0 turns the limit off. */
  askRateLimit: number;
  /** Where the documents can be read on the web; citations link there. */
  sourcesBaseUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`seedbot: settings need fixing (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SNOWFLAKE = /^\d{17,20}$/;

/** Reads and validates settings; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const token = get('DISCORD_TOKEN');
  if (token !== undefined && (/\s/.test(token) || token.split('.').length !== 3)) {
    problems.push(
      'DISCORD_TOKEN does not look like a bot token (three parts separated by dots): copy it again from the Bot page of your application',
    );
  }
  const clientId = get('DISCORD_CLIENT_ID');
  if (clientId !== undefined && !SNOWFLAKE.test(clientId)) {
    problems.push(
      `DISCORD_CLIENT_ID must be the application id, 17 to 20 digits (General Information page), not "${clientId}"`,
    );
  }
  const guildId = get('DISCORD_GUILD_ID');
  if (guildId !== undefined && !SNOWFLAKE.test(guildId)) {
    problems.push(
      `DISCORD_GUILD_ID must be a server id, 17 to 20 digits (right-click the server → Copy Server ID), not "${guildId}"`,
    );
  }
  const level = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${level}"`);
  }
  const apiUrl = get('DISCORD_API_URL');
  if (apiUrl !== undefined) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(apiUrl).protocol);
    } catch {}
    if (!ok)
      problems.push(
        `DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api, not "${apiUrl}"`,
      );
  }
  const sourcesBaseUrl = get('SOURCES_BASE_URL');
  if (sourcesBaseUrl !== undefined) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(sourcesBaseUrl.replace(/\{(?:path|name)\}/g, 'x')).protocol);
    } catch {}
    if (!ok)
      problems.push(
        `SOURCES_BASE_URL must be an http(s) URL such as https://github.com/you/docs/blob/main/ (optionally with {path} or {name}), not "${sourcesBaseUrl}"`,
      );
  }
  const rate = get('ASK_RATE_LIMIT') ?? '5';
  const askRateLimit = Number(rate);
  if (!/^\d+$/.test(rate)) {
    problems.push(
      `ASK_RATE_LIMIT must be a whole number of questions per user per 30 s (0 turns the limit off), not "${rate}"`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...(token ? { token } : {}),
    ...(clientId ? { clientId } : {}),
    ...(guildId ? { guildId } : {}),
    seedsDir: get('SEEDS_DIR') ?? './seeds',
    cacheDir: get('CACHE_DIR') ?? DEFAULT_CACHE_DIR,
    logLevel: level as LogLevel,
    ...(apiUrl ? { apiUrl: apiUrl.replace(/\/+$/, '') } : {}),
    askRateLimit,
    ...(sourcesBaseUrl ? { sourcesBaseUrl } : {}),
  };
}

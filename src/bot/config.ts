/**
 * Settings, read from the environment (and .env) once at start and validated together: every
 * problem is reported at once, each naming the variable and what to do. The token is never
 * printed.
 */
import 'dotenv/config';
import { isIP } from 'node:net';
import { DEFAULT_CACHE_DIR } from '../core/cache-dir.js';
import { botTokenProblem, holdsBotToken, looksSecret, quoteSetting } from './secrets.js';

/** Where the knowledge-gaps log is kept unless DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = '.data';

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
  /** HTTP interactions: the port Discord's requests arrive on (set with publicKey, or neither). */
  interactionsPort?: number;
  /** HTTP interactions: the address to listen on (0.0.0.0: every interface). */
  interactionsHost?: string;
  /** HTTP interactions: the application's Ed25519 public key, 64 hex characters. */
  publicKey?: string;
  /** DISCORD_SHARDS: one process per shard ('auto': as many as Discord recommends); unset: one process. */
  shards?: number | 'auto';
  /** Where the knowledge-gaps log is kept (DATA_DIR). */
  dataDir: string;
  /** Whether votes and unanswered questions are recorded (GAPS=off turns it off). */
  gaps: boolean;
  /** Days events are kept (GAPS_RETENTION_DAYS). */
  gapsRetentionDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`seedbot: settings need fixing (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SNOWFLAKE = /^\d{17,20}$/;
export const DEFAULT_INTERACTIONS_HOST = '0.0.0.0';

/** The settings of HTTP interactions mode, all present (see httpSettings). */
export type HttpConfig = Config & {
  token: string;
  clientId: string;
  publicKey: string;
  interactionsPort: number;
  interactionsHost: string;
};

/** The settings narrowed for HTTP interactions, or null when the bot uses the gateway. */
export function httpSettings(config: Config): HttpConfig | null {
  const { token, clientId, publicKey, interactionsPort } = config;
  if (!token || !clientId || !publicKey || interactionsPort === undefined) return null;
  return {
    ...config,
    token,
    clientId,
    publicKey,
    interactionsPort,
    interactionsHost: config.interactionsHost ?? DEFAULT_INTERACTIONS_HOST,
  };
}

/**
 * The settings for an entry point: on a ConfigError, its message goes to `printError` and the
 * result is undefined (the command then exits with code 2). Other errors are thrown.
 */
export function readConfig(
  printError: (message: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  required: Readonly<Record<string, string>> = {},
): Config | undefined {
  try {
    return loadConfig(env, required);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    printError(error.message);
    return undefined;
  }
}

/**
 * Reads and validates settings; throws ConfigError listing every problem. `required`: settings a
 * command needs, each with where to find its value, reported with the others when unset.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  required: Readonly<Record<string, string>> = {},
): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  for (const [name, where] of Object.entries(required))
    if (get(name) === undefined) problems.push(`${name} is not set: ${where}`);

  const token = get('DISCORD_TOKEN');
  const quoted = (value: string) => quoteSetting(value, token);
  const tokenProblem = token === undefined ? undefined : botTokenProblem(token);
  if (tokenProblem) problems.push(`DISCORD_TOKEN ${tokenProblem}`);
  const clientId = get('DISCORD_CLIENT_ID');
  if (clientId !== undefined && !SNOWFLAKE.test(clientId)) {
    problems.push(
      `DISCORD_CLIENT_ID must be the application id, 17 to 20 digits (General Information page), not ${quoted(clientId)}`,
    );
  }
  const guildId = get('DISCORD_GUILD_ID');
  if (guildId !== undefined && !SNOWFLAKE.test(guildId)) {
    problems.push(
      `DISCORD_GUILD_ID must be a server id, 17 to 20 digits (right-click the server → Copy Server ID), not ${quoted(guildId)}`,
    );
  }
  const level = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${quoted(level)}`);
  }
  const apiUrl = get('DISCORD_API_URL');
  // Messages name the address (could not reach it, not Discord's answer): a token pasted into
  // it is refused unquoted.
  if (apiUrl !== undefined && holdsBotToken(apiUrl, token))
    problems.push(
      'DISCORD_API_URL holds a value that looks like a bot token (not shown): set it to the API address, or leave it unset',
    );
  else if (apiUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(apiUrl);
    } catch {}
    if (!url || !['http:', 'https:'].includes(url.protocol))
      problems.push(
        `DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api, not ${quoted(apiUrl)}`,
      );
    // Never sent (the bot's token is), and a failure names the address: it would print them.
    else if (url.username || url.password)
      problems.push(
        'DISCORD_API_URL must not hold a user name or password (user:password@): the bot never sends them, and messages name the address',
      );
  }
  const sourcesBaseUrl = get('SOURCES_BASE_URL');
  const baseProblem = sourcesBaseUrl === undefined ? undefined : sourcesBaseUrlProblem(sourcesBaseUrl, token);
  if (baseProblem) problems.push(baseProblem);
  const rate = get('ASK_RATE_LIMIT') ?? '5';
  const askRateLimit = Number(rate);
  if (!/^\d+$/.test(rate)) {
    problems.push(
      `ASK_RATE_LIMIT must be a whole number of questions per user per 30 s (0 turns the limit off), not ${quoted(rate)}`,
    );
  }
  const shardsRaw = get('DISCORD_SHARDS')?.toLowerCase();
  let shards: number | 'auto' | undefined;
  if (shardsRaw !== undefined) {
    if (shardsRaw === 'auto') shards = 'auto';
    else if (/^\d+$/.test(shardsRaw) && Number(shardsRaw) >= 1 && Number(shardsRaw) <= 1024)
      shards = Number(shardsRaw);
    else
      problems.push(
        `DISCORD_SHARDS must be auto or a number of shards from 1 to 1024 (leave it empty for one process), not ${quoted(shardsRaw)}`,
      );
    if (!token) problems.push('DISCORD_SHARDS needs DISCORD_TOKEN: shards connect to Discord');
  }
  const port = get('INTERACTIONS_PORT');
  const interactionsPort = Number(port);
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || interactionsPort < 1 || interactionsPort > 65535)) {
    problems.push(
      `INTERACTIONS_PORT must be a port number from 1 to 65535 (where Discord's interaction requests arrive), not ${quoted(port)}`,
    );
  }
  const interactionsHost = get('INTERACTIONS_HOST') ?? DEFAULT_INTERACTIONS_HOST;
  // A token is shaped like a host name: taken as one, it would be printed when it cannot be found.
  const tokenShaped = /[A-Z]/.test(interactionsHost) && looksSecret(interactionsHost, token);
  if (
    tokenShaped ||
    (isIP(interactionsHost) === 0 && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(interactionsHost))
  ) {
    problems.push(
      `INTERACTIONS_HOST must be an address or a host name to listen on, such as 0.0.0.0 (every interface) or 127.0.0.1, not ${quoted(interactionsHost)}`,
    );
  }
  // The value is never echoed: a token pasted here by mistake must not reach the terminal.
  const publicKey = get('DISCORD_PUBLIC_KEY');
  if (publicKey !== undefined && !/^[0-9a-f]{64}$/i.test(publicKey)) {
    problems.push(
      `DISCORD_PUBLIC_KEY must be the application's public key, 64 hexadecimal characters (General Information page → Public Key); the value set has ${publicKey.length} characters, or not only hexadecimal ones`,
    );
  }
  if (port !== undefined && publicKey === undefined) {
    problems.push(
      'INTERACTIONS_PORT is set but DISCORD_PUBLIC_KEY is not: HTTP interactions need both (the key is on the General Information page); unset INTERACTIONS_PORT to connect over the gateway instead',
    );
  }
  if (publicKey !== undefined && port === undefined) {
    problems.push(
      'DISCORD_PUBLIC_KEY is set but INTERACTIONS_PORT is not: set the port to serve HTTP interactions, or unset DISCORD_PUBLIC_KEY to connect over the gateway',
    );
  }
  if (port !== undefined && token === undefined) {
    problems.push(
      'HTTP interactions (INTERACTIONS_PORT) need DISCORD_TOKEN too: copy it from the Bot page of your application',
    );
  }
  if (port !== undefined && clientId === undefined) {
    problems.push(
      "HTTP interactions (INTERACTIONS_PORT) need DISCORD_CLIENT_ID too (answers after the first go to the application's webhook): copy the Application ID from the General Information page",
    );
  }
  if (port !== undefined && get('DISCORD_SHARDS') !== undefined) {
    problems.push(
      'INTERACTIONS_PORT and DISCORD_SHARDS do not go together: HTTP interactions use no gateway, so there is nothing to shard; unset one of them (to scale HTTP interactions, run more replicas behind a load balancer)',
    );
  }
  const gapsRaw = (get('GAPS') ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(gapsRaw)) problems.push(`GAPS must be on or off, not ${quoted(gapsRaw)}`);
  const retentionRaw = get('GAPS_RETENTION_DAYS') ?? '90';
  const gapsRetentionDays = Number(retentionRaw);
  if (!/^\d+$/.test(retentionRaw) || gapsRetentionDays < 1 || gapsRetentionDays > 3650) {
    problems.push(
      `GAPS_RETENTION_DAYS must be a whole number of days from 1 to 3650 (how long votes and unanswered questions are kept), not ${quoted(retentionRaw)}`,
    );
  }
  // A folder's name is quoted in messages about it (one that is missing, one that cannot be
  // written): a token pasted there by mistake is refused now, unquoted.
  for (const name of ['SEEDS_DIR', 'CACHE_DIR', 'DATA_DIR']) {
    const problem = folderSettingProblem(name, get(name), token);
    if (problem) problems.push(problem);
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
    dataDir: get('DATA_DIR') ?? DEFAULT_DATA_DIR,
    gaps: gapsRaw !== 'off',
    gapsRetentionDays,
    ...(sourcesBaseUrl ? { sourcesBaseUrl } : {}),
    ...(port !== undefined && publicKey
      ? { interactionsPort, interactionsHost, publicKey: publicKey.toLowerCase() }
      : {}),
    ...(shards !== undefined ? { shards } : {}),
  };
}

/**
 * A folder setting holding what looks like the bot's token: its name is quoted in messages about
 * the folder (missing, not writable), so it is refused unquoted (the same for every entry point).
 */
export function folderSettingProblem(
  name: string,
  value: string | undefined,
  token: string | undefined,
): string | undefined {
  return value && holdsBotToken(value, token)
    ? `${name} holds a value that looks like a bot token (not shown): set it to a folder`
    : undefined;
}

/** What is wrong with a SOURCES_BASE_URL value (read by `npm start` and `npm run ask` alike), if anything. */
export function sourcesBaseUrlProblem(value: string, token: string | undefined): string | undefined {
  // Every citation carries this address, in public replies: a token in it would be posted.
  if (holdsBotToken(value, token))
    return 'SOURCES_BASE_URL holds a value that looks like a bot token (not shown): set it to the web address of your documents';
  const quoted = (v: string) => quoteSetting(v, token);
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(value.replace(/\{(?:path|name)\}/g, 'x')).protocol);
  } catch {}
  return ok
    ? undefined
    : `SOURCES_BASE_URL must be an http(s) URL such as https://github.com/you/docs/blob/main/ (optionally with {path} or {name}), not ${quoted(value)}`;
}

/**
 * A loopback fake of the Discord REST API and gateway, good enough for the real discord.js `Client`
 * to log in, receive interactions and answer them with no internet access.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   await client.login('fake-token');
 *   const sent = fake.sendInteraction(chatInput('ask', { question: 'hi' }));
 *   const callback = await sent.waitForCallback();
 *
 * Everything the bot does is recorded (`fake.requests`, `fake.gateway.*`, per-interaction outputs), and
 * faults can be injected into REST routes (`fake.failNext`) and the gateway (`fake.gateway.close`, ...).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocketOptions } from 'discord.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

// ---------------------------------------------------------------------------------------------------------
// Basic types and helpers
// ---------------------------------------------------------------------------------------------------------

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeIncrement = 0n;

/** A unique, time-ordered snowflake, so `createdTimestamp` of interactions/messages is realistic. */
export function snowflake(at: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * discord.js `ws` client options for fault tests: disables the identify throttle, which otherwise makes a
 * re-IDENTIFY within 5 s of the previous one wait 5-6.5 s (e.g. after INVALID_SESSION(false)).
 * Use as `new Client({ ..., ws: noIdentifyThrottle })`.
 */
export const noIdentifyThrottle: WebSocketOptions = {
  buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }),
};

/**
 * The gateway waits resolve this long after their condition holds, so the client has processed what the
 * fake just sent. discord.js crashes (RESUMED handler, null session) if e.g. INVALID_SESSION arrives in
 * the same tick as RESUMED, which real Discord never does.
 */
const GATEWAY_SETTLE_MS = 50;

// Gateway opcodes / interaction constants (kept local to avoid relying on discord-api-types at runtime).
const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/** Interaction callback types (the `type` of `POST /interactions/:id/:token/callback`). */
export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
} as const;

const InteractionType = {
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;
const MessageFlag = { Ephemeral: 1 << 6, Loading: 1 << 7, IsComponentsV2: 1 << 15 } as const;
/** Bits of the privileged intents (GuildMembers, GuildPresences, MessageContent). */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

// A realistic "almost everything" permission set for the invoking member and the app.
const DEFAULT_PERMISSIONS = '2248473465835073';

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
}

/** A message object as the fake returns it (API shape; extra fields allowed). */
export interface FakeMessage extends JsonObject {
  id: string;
  type: number;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: unknown[];
  flags: number;
  author: FakeUser;
  timestamp: string;
  edited_timestamp: string | null;
}

export interface FakeChannel {
  id: string;
  name: string;
  type: number;
  /** A private channel: an overwrite denies @everyone View Channel, as Discord lists one. */
  hidden?: boolean;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** The first text channel; interactions are sent from it by default. */
  textChannel: FakeChannel;
  /** The full GUILD_CREATE payload sent on every IDENTIFY. */
  payload: JsonObject;
}

export interface FakeGuildInit {
  id?: string;
  name?: string;
  ownerId?: string;
  channels?: Array<Partial<FakeChannel>>;
  /** Extra fields merged into the GUILD_CREATE payload. */
  extra?: JsonObject;
}

export interface FakeDiscordOptions {
  applicationId?: string;
  botUser?: Partial<FakeUser>;
  /** Guilds the bot is in (default: one guild with one text channel). */
  guilds?: FakeGuildInit[];
  /** The default user who invokes interactions. */
  user?: Partial<FakeUser>;
  /** HELLO heartbeat interval (default 1000 ms). */
  heartbeatIntervalMs?: number;
  /** If set, IDENTIFY/RESUME and authenticated REST calls must use this token (4004 / 401 otherwise). */
  token?: string;
  /** Intent bits that make IDENTIFY fail with close code 4014 (e.g. `PRIVILEGED_INTENTS`). Default 0. */
  disallowedIntents?: number;
  /** Reject payloads that break Discord's documented limits with 400/50035 (default true). */
  validatePayloads?: boolean;
  /** Answer callbacks arriving later than this after dispatch with 10062 (Discord: 3000). Default off. */
  interactionTimeoutMs?: number;
  /** Debug log sink, e.g. `console.log`. */
  log?: (line: string) => void;
  /**
   * Shards the bot must use (`GET /gateway/bot` recommends it; default 1). Above 1, an IDENTIFY
   * without `shard` is refused (4011) and one with a wrong count or id gets 4010; each shard
   * receives only its guilds (`(guild_id >> 22) % shards`) and their interactions.
   */
  shards?: number;
  /** `session_start_limit.max_concurrency` of `GET /gateway/bot`: shards that may identify at once (default 1). */
  maxConcurrency?: number;
}

/** The shard that owns a guild, as Discord computes it. */
export function shardOf(guildId: string, shards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shards));
}

/** A guild id owned by shard `shard` of `shards`. */
export function guildIdForShard(shard: number, shards: number): string {
  for (let at = Date.now(); ; at--) {
    const id = snowflake(at);
    if (shardOf(id, shards) === shard) return id;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Recording and matching REST requests
// ---------------------------------------------------------------------------------------------------------

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  /** 1-based position in `fake.requests`. */
  readonly seq: number;
  readonly method: string;
  /** Path below the API base, with version: `/v10/interactions/1/tok/callback`. */
  readonly path: string;
  /** Path without the version prefix: `/interactions/1/tok/callback`. */
  readonly route: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body. */
  readonly body: unknown;
  readonly files: readonly RecordedFile[];
  readonly receivedAt: number;
  /** Filled once the fake has answered (status 0 = connection reset by an injected fault). */
  response?: { status: number; body: unknown; at: number; injected: boolean };
  /** True if no route handled the request (answered 404 `Unknown route`). */
  unknownRoute?: boolean;
}

/**
 * Selects requests. A string is `'[METHOD ]/path/pattern'` where `:name` or `*` matches one segment and
 * the `/v10` prefix is optional (e.g. `'POST /interactions/:id/:token/callback'`); a RegExp is tested
 * against `'METHOD /route'` (route = path without version); a function gets the whole record.
 */
export type RequestMatcher = string | RegExp | ((request: RecordedRequest) => boolean);

/** Ready-made matchers for the routes an interaction bot uses. */
export const routes = {
  callback: 'POST /interactions/:id/:token/callback',
  getOriginal: 'GET /webhooks/:appId/:token/messages/@original',
  editOriginal: 'PATCH /webhooks/:appId/:token/messages/@original',
  deleteOriginal: 'DELETE /webhooks/:appId/:token/messages/@original',
  followUp: 'POST /webhooks/:appId/:token',
  editMessage: 'PATCH /webhooks/:appId/:token/messages/:messageId',
  putGlobalCommands: 'PUT /applications/:appId/commands',
  putGuildCommands: 'PUT /applications/:appId/guilds/:guildId/commands',
  gatewayBot: 'GET /gateway/bot',
} as const;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function stripVersion(path: string): string {
  return path.replace(/^\/v\d+(?=\/|$)/, '') || '/';
}

type PathPattern = (route: string) => Record<string, string> | null;

/** A path segment decoded (discord.js sends `@original` as `%40original`), or as is if malformed. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compilePath(pattern: string): PathPattern {
  const want = stripVersion(pattern).split('/').filter(Boolean);
  return (route) => {
    const got = route.split('/').filter(Boolean);
    if (got.length !== want.length) return null;
    const params: Record<string, string> = {};
    for (const [i, segment] of want.entries()) {
      const actual = got[i] ?? '';
      if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(actual);
      else if (segment !== '*' && segment !== actual && segment !== safeDecode(actual)) return null;
    }
    return params;
  };
}

function compileMatcher(matcher: RequestMatcher): (request: RecordedRequest) => boolean {
  if (typeof matcher === 'function') return matcher;
  if (matcher instanceof RegExp) return (r) => matcher.test(`${r.method} ${r.route}`);
  const [first = '', ...rest] = matcher.trim().split(/\s+/);
  const hasMethod = METHODS.has(first.toUpperCase()) && rest.length > 0;
  const method = hasMethod ? first.toUpperCase() : undefined;
  const path = compilePath(hasMethod ? rest.join('') : matcher.trim());
  return (r) => (method === undefined || r.method === method) && path(r.route) !== null;
}

// ---------------------------------------------------------------------------------------------------------
// Fault injection
// ---------------------------------------------------------------------------------------------------------

export interface FaultSpec {
  /** Status to answer with. Omit (with `delayMs`) to only delay the request and then handle it normally. */
  status?: number;
  headers?: Record<string, string>;
  /** JSON body (default `{ message, code: 0 }` for error statuses). */
  body?: unknown;
  /** How many matching requests to affect (default 1). */
  times?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /**
   * Reset the TCP connection (RST) instead of answering: the client gets ECONNRESET, which discord.js
   * retries like a 5xx (up to 3 retries).
   */
  reset?: boolean;
}

export interface FaultHandle {
  /** Requests this fault has been applied to so far. */
  readonly hits: readonly RecordedRequest[];
  remaining(): number;
  cancel(): void;
}

/** Common Discord failures, for use with `fake.failNext(matcher, faults.xyz())`. */
export const faults = {
  /** A per-route 429 with Discord's headers. discord.js sleeps `retryAfterSeconds` (+50 ms) and retries. */
  rateLimited(retryAfterSeconds = 0.2, options: { global?: boolean; times?: number } = {}): FaultSpec {
    const headers: Record<string, string> = {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String((Date.now() / 1000 + retryAfterSeconds).toFixed(3)),
      'x-ratelimit-reset-after': String(retryAfterSeconds),
      'x-ratelimit-bucket': 'fakebucket',
      'x-ratelimit-scope': options.global ? 'global' : 'user',
    };
    if (options.global) headers['x-ratelimit-global'] = 'true';
    return {
      status: 429,
      headers,
      body: {
        message: 'You are being rate limited.',
        retry_after: retryAfterSeconds,
        global: !!options.global,
      },
      times: options.times ?? 1,
    };
  },
  /** 5xx answers; discord.js retries 5xx up to 3 times (4 attempts) before throwing HTTPError. */
  serverError(status = 500, times = 1): FaultSpec {
    return { status, times, body: { message: `${status}: Internal Server Error`, code: 0 } };
  },
  /** The interaction token expired / is unknown (what Discord says after the 3 s window). */
  unknownInteraction(times = 1): FaultSpec {
    return { status: 404, times, body: { message: 'Unknown interaction', code: 10062 } };
  },
  alreadyAcknowledged(times = 1): FaultSpec {
    return {
      status: 400,
      times,
      body: { message: 'Interaction has already been acknowledged.', code: 40060 },
    };
  },
  unknownMessage(times = 1): FaultSpec {
    return { status: 404, times, body: { message: 'Unknown Message', code: 10008 } };
  },
};

interface ActiveFault {
  match: (request: RecordedRequest) => boolean;
  spec: FaultSpec;
  left: number;
  hits: RecordedRequest[];
}

// ---------------------------------------------------------------------------------------------------------
// Interactions
// ---------------------------------------------------------------------------------------------------------

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

/** Options as API objects, or `{ name: value }` shorthand (string→3, integer→4, number→10, boolean→5). */
export type CommandOptionsInit = CommandOption[] | Record<string, string | number | boolean>;

export interface InteractionInit {
  /** Interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  data?: JsonObject;
  /** Component interactions: the message the component belongs to (missing fields are filled in). */
  message?: Partial<FakeMessage>;
  /** The invoking user (defaults to `fake.user`). */
  user?: Partial<FakeUser>;
  memberRoles?: string[];
  /** Invoking member's permissions. */
  permissions?: string;
  appPermissions?: string;
  /** Guild to send from (default: first guild); `null` sends a DM interaction. */
  guildId?: string | null;
  channelId?: string;
  locale?: string;
  guildLocale?: string;
  id?: string;
  token?: string;
  /** Shallow overrides applied last to the final INTERACTION_CREATE payload. */
  overrides?: JsonObject;
  /** With several shards: deliver to this shard instead of the guild's owner. */
  shard?: number;
}

function normaliseOptions(options: CommandOptionsInit | undefined): CommandOption[] {
  if (!options) return [];
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => {
    if (typeof value === 'string') return { name, type: 3, value };
    if (typeof value === 'boolean') return { name, type: 5, value };
    return { name, type: Number.isInteger(value) ? 4 : 10, value };
  });
}

/** A slash command (type 2, data.type 1). The command id is taken from registered commands if known. */
export function chatInput(
  name: string,
  options?: CommandOptionsInit,
  init: Partial<InteractionInit> = {},
): InteractionInit {
  return {
    ...init,
    type: InteractionType.ApplicationCommand,
    data: { name, type: 1, options: normaliseOptions(options), ...init.data },
  };
}

/** An autocomplete request (type 4) with `focused` as the focused option. */
export function autocomplete(
  name: string,
  focused: { name: string; value: string | number; type?: number },
  otherOptions?: CommandOptionsInit,
  init: Partial<InteractionInit> = {},
): InteractionInit {
  const focusedOption: CommandOption = {
    name: focused.name,
    type: focused.type ?? (typeof focused.value === 'string' ? 3 : 4),
    value: focused.value,
    focused: true,
  };
  return {
    ...init,
    type: InteractionType.Autocomplete,
    data: { name, type: 1, options: [...normaliseOptions(otherOptions), focusedOption], ...init.data },
  };
}

/** A message context-menu command (type 2, data.type 3) targeting `target` (completed to a full message). */
export function messageContext(
  name: string,
  target: Partial<FakeMessage> = {},
  init: Partial<InteractionInit> = {},
): InteractionInit {
  const targetId = target.id ?? snowflake();
  return {
    ...init,
    type: InteractionType.ApplicationCommand,
    data: {
      name,
      type: 3,
      target_id: targetId,
      resolved: { messages: { [targetId]: { ...target, id: targetId } } },
      ...init.data,
    },
  };
}

/** A button click (type 3, component_type 2) on `message` (default: a bot message holding the button). */
export function button(
  customId: string,
  message?: Partial<FakeMessage>,
  init: Partial<InteractionInit> = {},
): InteractionInit {
  const result: InteractionInit = {
    ...init,
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: 2, ...init.data },
  };
  const msg = message ?? init.message;
  if (msg) result.message = msg;
  return result;
}

export interface InteractionCallbackRecord {
  /** Callback type (4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  type: number;
  data: JsonObject | undefined;
  /** Whether discord.js asked for `?with_response=true`. */
  withResponse: boolean;
  request: RecordedRequest;
}

export type BotOutputKind = 'callback' | 'edit' | 'followup' | 'delete';

/** One thing the bot did in answer to an interaction, in order. */
export interface BotOutput {
  kind: BotOutputKind;
  /** For `callback`: the callback type. */
  callbackType?: number;
  /** `@original` or a message id (for edits/deletes); the new message id for follow-ups. */
  target: string;
  /** Message payload as the bot sent it (callback `data`, PATCH/POST body); `{}` for deletes. */
  body: JsonObject;
  files: readonly RecordedFile[];
  at: number;
  request: RecordedRequest;
}

export interface SentInteraction {
  readonly id: string;
  readonly token: string;
  /** The full INTERACTION_CREATE `d` that was dispatched. */
  readonly payload: JsonObject;
  /** Resolves with the first callback the fake accepted (never rejects; see `waitForCallback`). */
  readonly callback: Promise<InteractionCallbackRecord>;
  waitForCallback(timeoutMs?: number): Promise<InteractionCallbackRecord>;
  /** All callback requests, including ones answered by injected faults or rejected. */
  callbackAttempts(): RecordedRequest[];
  /** Every REST request that used this interaction's token. */
  requests(): RecordedRequest[];
  /** Accepted bot actions in order: callback, edits, follow-ups, deletes. */
  outputs(): BotOutput[];
  /** The message payloads of all outputs (callback data, edits, follow-ups), in order. */
  messageBodies(): JsonObject[];
  /** First output (already present or future) matching `predicate`. */
  waitForOutput(predicate?: (output: BotOutput) => boolean, timeoutMs?: number): Promise<BotOutput>;
  /** Current state of the original response message (after edits), if there is one. */
  original(): FakeMessage | undefined;
  followUps(): FakeMessage[];
}

interface InteractionState {
  id: string;
  token: string;
  type: number;
  payload: JsonObject;
  dispatchedAt: number;
  channelId: string;
  guildId: string | undefined;
  /** The message a component belongs to. */
  componentMessage: FakeMessage | undefined;
  callback: InteractionCallbackRecord | undefined;
  resolveCallback: (record: InteractionCallbackRecord) => void;
  original: FakeMessage | undefined;
  originalDeleted: boolean;
  followUps: Map<string, FakeMessage>;
  outputs: BotOutput[];
}

// ---------------------------------------------------------------------------------------------------------
// Gateway
// ---------------------------------------------------------------------------------------------------------

export interface IdentifyRecord {
  at: number;
  intents: number;
  token: string;
  shard: [number, number] | undefined;
  d: JsonObject;
}

export interface ResumeRecord {
  at: number;
  sessionId: string;
  seq: number | null;
  accepted: boolean;
}

export interface GatewayPayloadRecord {
  at: number;
  connection: number;
  op: number;
  d: unknown;
}

export interface ConnectionRecord {
  id: number;
  /** Request URL incl. query, e.g. `/?v=10&encoding=json` (resumes use `/resume?...`). */
  url: string;
  openedAt: number;
  closedAt?: number;
  closeCode?: number;
  sessionId?: string;
}

export interface FakeGateway {
  /** URL returned by `GET /gateway/bot`. */
  readonly url: string;
  readonly identifies: readonly IdentifyRecord[];
  readonly resumes: readonly ResumeRecord[];
  /** Every payload the client sent. */
  readonly received: readonly GatewayPayloadRecord[];
  readonly connections: readonly ConnectionRecord[];
  /** Set to false to stop answering heartbeats (discord.js then treats the connection as zombie). */
  ackHeartbeats: boolean;
  heartbeatCount(): number;
  /** True if an open socket has an identified/resumed session. */
  isConnected(): boolean;
  /** The shard ids with a live session now, in order. */
  connectedShards(): number[];
  /** Resolves once an open socket has a session (READY or RESUMED sent, plus a short settle delay). */
  waitForConnected(timeoutMs?: number): Promise<void>;
  /** Resolves once `count` IDENTIFYs in total were received (and answered, plus a short settle delay). */
  waitForIdentify(count?: number, timeoutMs?: number): Promise<IdentifyRecord>;
  /** Resolves once `count` accepted RESUMEs in total were received (and answered, plus a settle delay). */
  waitForResume(count?: number, timeoutMs?: number): Promise<ResumeRecord>;
  /** Sends a dispatch (op 0) on the live session; returns its sequence number. */
  dispatch(event: string, d: unknown): number;
  /** Sends a raw payload on the live socket. */
  send(payload: JsonObject): void;
  /** Closes the live socket with a close frame (e.g. 4000 → client resumes). 1006 means `terminate()`. */
  close(code?: number, reason?: string): void;
  /** Drops the TCP connection without a close frame (client sees 1006 and resumes). */
  terminate(): void;
  /** Sends INVALID_SESSION (op 9). `false` makes the client re-identify (throttled: ~5 s after last). */
  invalidSession(resumable?: boolean): void;
  /** Sends RECONNECT (op 7); the client reconnects and resumes. */
  reconnect(): void;
  /** Forgets all sessions: later RESUMEs are answered with INVALID_SESSION(false). */
  invalidateSessions(): void;
}

interface GatewaySession {
  id: string;
  seq: number;
  invalid: boolean;
  /** The shard id this session identified as (0 when unsharded). */
  shard: number;
}

interface GatewayConnection {
  record: ConnectionRecord;
  socket: WebSocket;
  session: GatewaySession | undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------------------

export interface FakeDiscord {
  /** Give this to discord.js as `rest: { api: fake.apiUrl }` (requests arrive as `/v10/...` below it). */
  readonly apiUrl: string;
  readonly port: number;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  /** Default invoking user for interactions. */
  readonly user: FakeUser;
  readonly guilds: readonly FakeGuild[];
  /** First guild and its first text channel. */
  readonly guild: FakeGuild;
  readonly channel: FakeChannel;
  readonly gateway: FakeGateway;
  /** Every REST request, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Commands registered via PUT/POST: key `'global'` or a guild id. */
  readonly commands: ReadonlyMap<string, readonly JsonObject[]>;

  /** Builds a full INTERACTION_CREATE from `init`, dispatches it and tracks the bot's answers. */
  /**
   * `{ dispatch: false }`: builds and tracks it the same way but sends nothing on the gateway (HTTP
   * interactions: the test POSTs `payload` to the bot and relays the bot's answer to the callback route).
   */
  sendInteraction(init: InteractionInit, options?: { dispatch?: boolean }): SentInteraction;
  /** Makes the next `times` requests matching `matcher` fail/delay as described. */
  failNext(matcher: RequestMatcher, spec: FaultSpec): FaultHandle;
  requestsMatching(matcher: RequestMatcher): RecordedRequest[];
  /** The next request (arriving after this call) matching `matcher`, once it has been answered. */
  nextRequest(matcher: RequestMatcher, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves once at least `count` answered requests match `matcher` (past ones included). */
  waitForRequests(matcher: RequestMatcher, count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Requests no route handled. */
  unknownRequests(): RecordedRequest[];
  /** Re-evaluates `probe` on every fake event (and every 25 ms) until it returns a truthy value. */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  /** Clears recorded requests, gateway payload logs and faults (sessions and commands are kept). */
  clearRecords(): void;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT = 5_000;

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const log = opts.log ?? (() => {});
  const shardCount = Math.max(1, Math.floor(opts.shards ?? 1));
  const validate = opts.validatePayloads ?? true;
  const heartbeatInterval = opts.heartbeatIntervalMs ?? 1_000;
  const applicationId = opts.applicationId ?? snowflake();
  const botUser: FakeUser = {
    id: applicationId,
    username: 'FakeBot',
    discriminator: '0',
    global_name: null,
    avatar: null,
    ...opts.botUser,
    bot: true,
  };
  const user: FakeUser = {
    id: snowflake(),
    username: 'tester',
    discriminator: '0',
    global_name: 'Tester',
    avatar: null,
    ...opts.user,
  };
  const guilds = (opts.guilds ?? [{}]).map((init) => buildGuild(init, botUser, user));
  const firstGuild = guilds[0];
  if (!firstGuild) throw new Error('startFakeDiscord: at least one guild is required');

  // --- change notification for waiters ---------------------------------------------------------------
  const listeners = new Set<() => void>();
  let closed = false;
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };
  const closeRejecters = new Set<(error: Error) => void>();

  function waitFor<T>(
    probe: () => T | undefined | null | false,
    timeoutMs = DEFAULT_TIMEOUT,
    what = 'condition',
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value === undefined || value === null || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const fail = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      const poll = setInterval(check, 25);
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        listeners.delete(check);
        closeRejecters.delete(fail);
      };
      if (closed) return fail(new Error('FakeDiscord is closed'));
      if (check()) return;
      listeners.add(check);
      closeRejecters.add(fail);
    });
  }

  // --- state -------------------------------------------------------------------------------------------
  const requests: RecordedRequest[] = [];
  let activeFaults: ActiveFault[] = [];
  const commands = new Map<string, JsonObject[]>();
  const interactionsById = new Map<string, InteractionState>();
  const interactionsByToken = new Map<string, InteractionState>();

  const identifies: IdentifyRecord[] = [];
  const resumes: ResumeRecord[] = [];
  const received: GatewayPayloadRecord[] = [];
  const connectionRecords: ConnectionRecord[] = [];
  const connections: GatewayConnection[] = [];
  const sessions = new Map<string, GatewaySession>();
  let heartbeats = 0;
  let nextConnectionId = 1;

  // --- HTTP + WebSocket servers ------------------------------------------------------------------------
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log(`[fake-discord] handler error: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Fake Discord internal error', code: 0 }));
    });
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const apiBase = '/api';
  const apiUrl = `${origin}${apiBase}`;
  const gatewayUrl = `ws://127.0.0.1:${port}`;
  const resumeUrl = `ws://127.0.0.1:${port}/resume`;

  // --- gateway -----------------------------------------------------------------------------------------
  const sendRaw = (conn: GatewayConnection, payload: JsonObject): void => {
    if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify(payload));
  };
  const dispatchOn = (conn: GatewayConnection, t: string, d: unknown): number => {
    const session = conn.session;
    if (!session) throw new Error('FakeDiscord: cannot dispatch on a connection without a session');
    session.seq += 1;
    sendRaw(conn, { op: Op.Dispatch, t, s: session.seq, d });
    return session.seq;
  };
  /** The latest live session, of shard `shard` if given. */
  const liveConnection = (shard?: number): GatewayConnection | undefined =>
    [...connections]
      .reverse()
      .find(
        (c) =>
          c.session &&
          !c.session.invalid &&
          c.socket.readyState === c.socket.OPEN &&
          (shard === undefined || c.session.shard === shard),
      );
  const requireLive = (shard?: number): GatewayConnection => {
    const conn = liveConnection(shard);
    if (!conn)
      throw new Error(
        `FakeDiscord: no connected gateway session${shard === undefined ? '' : ` for shard ${shard}`} (did the client log in?)`,
      );
    return conn;
  };
  const latestOpen = (): GatewayConnection | undefined =>
    [...connections].reverse().find((c) => c.socket.readyState === c.socket.OPEN);

  wss.on('connection', (socket, req) => {
    const record: ConnectionRecord = { id: nextConnectionId++, url: req.url ?? '/', openedAt: Date.now() };
    const conn: GatewayConnection = { record, socket, session: undefined };
    connectionRecords.push(record);
    connections.push(conn);
    log(`[fake-discord] gateway connection #${record.id} ${record.url}`);
    socket.on('message', (data) => onGatewayMessage(conn, data));
    socket.on('close', (code) => {
      record.closedAt = Date.now();
      record.closeCode = code;
      const index = connections.indexOf(conn);
      if (index >= 0) connections.splice(index, 1);
      log(`[fake-discord] gateway connection #${record.id} closed ${code}`);
      notify();
    });
    socket.on('error', (error) => log(`[fake-discord] gateway socket error: ${String(error)}`));
    sendRaw(conn, { op: Op.Hello, d: { heartbeat_interval: heartbeatInterval, _trace: ['fake-gateway'] } });
    notify();
  });

  function onGatewayMessage(conn: GatewayConnection, data: RawData): void {
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      conn.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    if (!isObject(payload) || typeof payload.op !== 'number') {
      conn.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const d = payload.d;
    received.push({ at: Date.now(), connection: conn.record.id, op: payload.op, d });
    switch (payload.op) {
      case Op.Heartbeat:
        heartbeats += 1;
        if (gateway.ackHeartbeats) sendRaw(conn, { op: Op.HeartbeatAck });
        break;
      case Op.Identify:
        onIdentify(conn, isObject(d) ? d : {});
        break;
      case Op.Resume:
        onResume(conn, isObject(d) ? d : {});
        break;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
        break;
      default:
        conn.socket.close(4001, 'Unknown opcode.');
    }
    notify();
  }

  function onIdentify(conn: GatewayConnection, d: JsonObject): void {
    const token = asString(d.token) ?? '';
    const intents = asNumber(d.intents) ?? 0;
    const shardRaw = asArray(d.shard);
    const shard =
      typeof shardRaw[0] === 'number' && typeof shardRaw[1] === 'number'
        ? ([shardRaw[0], shardRaw[1]] as [number, number])
        : undefined;
    identifies.push({ at: Date.now(), intents, token, shard, d });
    if (conn.session) return void conn.socket.close(4005, 'Already authenticated.');
    if (opts.token !== undefined && token !== opts.token) {
      return void conn.socket.close(4004, 'Authentication failed.');
    }
    if (intents & (opts.disallowedIntents ?? 0)) return void conn.socket.close(4014, 'Disallowed intent(s).');
    if (shardCount > 1 && !shard) return void conn.socket.close(4011, 'Sharding required.');
    if (shard && (shard[1] !== shardCount || shard[0] < 0 || shard[0] >= shard[1]))
      return void conn.socket.close(4010, 'Invalid shard.');
    const shardId = shard?.[0] ?? 0;
    const owned = guilds.filter((g) => shardOf(g.id, shardCount) === shardId);

    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      invalid: false,
      shard: shardId,
    };
    sessions.set(session.id, session);
    conn.session = session;
    conn.record.sessionId = session.id;
    const ready: JsonObject = {
      v: 10,
      user: { ...botUser, bot: true, verified: true, mfa_enabled: false, flags: 0, email: null },
      application: { id: applicationId, flags: 0 },
      guilds: owned.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: resumeUrl,
      private_channels: [],
      presences: [],
      relationships: [],
      user_settings: {},
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
      _trace: ['fake-gateway'],
    };
    if (shard) ready.shard = shard;
    dispatchOn(conn, 'READY', ready);
    for (const guild of owned)
      dispatchOn(conn, 'GUILD_CREATE', { ...guild.payload, joined_at: new Date().toISOString() });
  }

  function onResume(conn: GatewayConnection, d: JsonObject): void {
    const sessionId = asString(d.session_id) ?? '';
    const seq = asNumber(d.seq) ?? null;
    const session = sessions.get(sessionId);
    const tokenOk = opts.token === undefined || d.token === opts.token;
    const accepted = !!session && !session.invalid && tokenOk;
    resumes.push({ at: Date.now(), sessionId, seq, accepted });
    if (!session || !accepted) {
      sendRaw(conn, { op: Op.InvalidSession, d: false });
      return;
    }
    // The old socket (if still open) loses the session; the new one takes it over. Nothing is replayed.
    for (const other of connections)
      if (other !== conn && other.session === session) other.session = undefined;
    conn.session = session;
    conn.record.sessionId = session.id;
    dispatchOn(conn, 'RESUMED', { _trace: ['fake-gateway'] });
  }

  const gateway: FakeGateway = {
    url: gatewayUrl,
    identifies,
    resumes,
    received,
    connections: connectionRecords,
    ackHeartbeats: true,
    heartbeatCount: () => heartbeats,
    isConnected: () => liveConnection() !== undefined,
    connectedShards: () =>
      [
        ...new Set(
          connections
            .filter((c) => c.session && !c.session.invalid && c.socket.readyState === c.socket.OPEN)
            .map((c) => c.session?.shard ?? 0),
        ),
      ].sort((a, b) => a - b),
    waitForConnected: async (timeoutMs) => {
      await waitFor(() => liveConnection() !== undefined, timeoutMs, 'a connected gateway session');
      await delay(GATEWAY_SETTLE_MS);
    },
    waitForIdentify: async (count = 1, timeoutMs) => {
      const found = await waitFor(() => identifies[count - 1], timeoutMs, `IDENTIFY #${count}`);
      await delay(GATEWAY_SETTLE_MS);
      return found;
    },
    waitForResume: async (count = 1, timeoutMs) => {
      const found = await waitFor(
        () => resumes.filter((r) => r.accepted)[count - 1],
        timeoutMs,
        `accepted RESUME #${count}`,
      );
      await delay(GATEWAY_SETTLE_MS);
      return found;
    },
    dispatch: (event, d) => dispatchOn(requireLive(), event, d),
    send: (payload) => {
      const conn = latestOpen();
      if (!conn) throw new Error('FakeDiscord: no open gateway socket');
      sendRaw(conn, payload);
    },
    close: (code = 4000, reason = 'Fake close') => {
      const conn = latestOpen();
      if (!conn) throw new Error('FakeDiscord: no open gateway socket');
      if (code === 1005 || code === 1006 || code === 1015) conn.socket.terminate();
      else conn.socket.close(code, reason);
    },
    terminate: () => {
      const conn = latestOpen();
      if (!conn) throw new Error('FakeDiscord: no open gateway socket');
      conn.socket.terminate();
    },
    invalidSession: (resumable = false) => {
      const conn = latestOpen();
      if (!conn) throw new Error('FakeDiscord: no open gateway socket');
      if (!resumable && conn.session) {
        conn.session.invalid = true;
        conn.session = undefined;
      }
      sendRaw(conn, { op: Op.InvalidSession, d: resumable });
    },
    reconnect: () => {
      const conn = latestOpen();
      if (!conn) throw new Error('FakeDiscord: no open gateway socket');
      sendRaw(conn, { op: Op.Reconnect, d: null });
    },
    invalidateSessions: () => {
      for (const session of sessions.values()) session.invalid = true;
    },
  };

  // --- REST --------------------------------------------------------------------------------------------
  interface Reply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  }
  type Handler = (ctx: { request: RecordedRequest; params: Record<string, string> }) => Reply;
  const routeTable: Array<{ method: string; match: PathPattern; handler: Handler }> = [];
  const on = (method: string, pattern: string, handler: Handler): void => {
    routeTable.push({ method, match: compilePath(pattern), handler });
  };
  const error = (status: number, code: number, message: string, extra: JsonObject = {}): Reply => ({
    status,
    body: { message, code, ...extra },
  });
  const unknownInteraction = (): Reply => error(404, 10062, 'Unknown interaction');
  const unknownWebhook = (): Reply => error(404, 10015, 'Unknown Webhook');
  const unknownMessage = (): Reply => error(404, 10008, 'Unknown Message');

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    const parsed = await parseBody(raw, contentType);
    const path = url.pathname.startsWith(`${apiBase}/`) ? url.pathname.slice(apiBase.length) : url.pathname;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: RecordedRequest = {
      seq: requests.length + 1,
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      route: stripVersion(path),
      query: Object.fromEntries(url.searchParams),
      headers,
      contentType,
      body: parsed.body,
      files: parsed.files,
      receivedAt: Date.now(),
    };
    requests.push(request);
    log(`[fake-discord] ${request.method} ${request.path}${url.search}`);

    const fault = activeFaults.find((f) => f.left > 0 && f.match(request));
    if (fault) {
      fault.left -= 1;
      fault.hits.push(request);
      if (fault.spec.delayMs) await delay(fault.spec.delayMs);
      if (closed) return void res.destroy();
      if (fault.spec.reset) {
        request.response = { status: 0, body: undefined, at: Date.now(), injected: true };
        req.socket.resetAndDestroy();
        notify();
        return;
      }
      if (fault.spec.status !== undefined) {
        const body = fault.spec.body ?? { message: `Injected ${fault.spec.status}`, code: 0 };
        return respond(
          res,
          request,
          { status: fault.spec.status, body, headers: fault.spec.headers ?? {} },
          true,
        );
      }
    }

    const needsAuth = !/^\/(interactions|webhooks)\//.test(request.route);
    if (needsAuth && opts.token !== undefined && headers.authorization !== `Bot ${opts.token}`) {
      return respond(res, request, error(401, 0, '401: Unauthorized'), false);
    }
    for (const route of routeTable) {
      if (route.method !== request.method) continue;
      const params = route.match(request.route);
      if (params) return respond(res, request, route.handler({ request, params }), false);
    }
    request.unknownRoute = true;
    respond(res, request, error(404, 0, 'Unknown route'), false);
  }

  function respond(res: ServerResponse, request: RecordedRequest, reply: Reply, injected: boolean): void {
    const headers: Record<string, string> = { ...reply.headers };
    const text = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    if (text !== undefined) headers['content-type'] = 'application/json';
    res.writeHead(reply.status, headers);
    res.end(text);
    request.response = { status: reply.status, body: reply.body, at: Date.now(), injected };
    notify();
  }

  // Gateway info & identity.
  on('GET', '/gateway/bot', () => ({
    status: 200,
    body: {
      url: gatewayUrl,
      shards: shardCount,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: opts.maxConcurrency ?? 1,
      },
    },
  }));
  on('GET', '/gateway', () => ({ status: 200, body: { url: gatewayUrl } }));
  on('GET', '/users/@me', () => ({
    status: 200,
    body: { ...botUser, flags: 0, verified: true, mfa_enabled: false },
  }));
  on('GET', '/applications/@me', () => ({
    status: 200,
    body: {
      id: applicationId,
      name: botUser.username,
      icon: null,
      description: '',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      bot: botUser,
      team: null,
    },
  }));

  // A server's roles and channels, as its GUILD_CREATE lists them; a server the bot is not in
  // is Missing Access (HTTP mode reads mentions by these names).
  for (const kind of ['roles', 'channels'] as const)
    on('GET', `/guilds/:guildId/${kind}`, ({ params }) => {
      const guild = guilds.find((g) => g.id === params.guildId);
      if (!guild) return error(403, 50001, 'Missing Access');
      return { status: 200, body: guild.payload[kind] ?? [] };
    });

  // Command registration.
  const commandScope = (params: Record<string, string>): string | Reply => {
    // Another application than the token's: Discord says 20012, not Missing Access.
    if (params.appId !== applicationId)
      return error(403, 20012, 'You are not authorized to perform this action on this application');
    if (params.guildId !== undefined && !guilds.some((g) => g.id === params.guildId)) {
      return error(403, 50001, 'Missing Access');
    }
    return params.guildId ?? 'global';
  };
  const normaliseCommand = (input: unknown, scope: string, existing: readonly JsonObject[]): JsonObject => {
    const body = isObject(input) ? input : {};
    const type = asNumber(body.type) ?? 1;
    const previous = existing.find((c) => c.name === body.name && c.type === type);
    return {
      name_localizations: null,
      description_localizations: null,
      default_member_permissions: null,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      ...body,
      type,
      description: asString(body.description) ?? '',
      id: asString(previous?.id) ?? snowflake(),
      application_id: applicationId,
      version: snowflake(),
      ...(scope === 'global' ? {} : { guild_id: scope }),
    };
  };
  for (const base of ['/applications/:appId/commands', '/applications/:appId/guilds/:guildId/commands']) {
    on('GET', base, ({ params }) => {
      const scope = commandScope(params);
      return typeof scope === 'string' ? { status: 200, body: commands.get(scope) ?? [] } : scope;
    });
    on('PUT', base, ({ request, params }) => {
      const scope = commandScope(params);
      if (typeof scope !== 'string') return scope;
      if (!Array.isArray(request.body)) return error(400, 50035, 'Invalid Form Body');
      const existing = commands.get(scope) ?? [];
      const next = request.body.map((c) => normaliseCommand(c, scope, existing));
      commands.set(scope, next);
      return { status: 200, body: next };
    });
    on('POST', base, ({ request, params }) => {
      const scope = commandScope(params);
      if (typeof scope !== 'string') return scope;
      const existing = commands.get(scope) ?? [];
      const command = normaliseCommand(request.body, scope, existing);
      commands.set(scope, [...existing.filter((c) => c.id !== command.id), command]);
      return { status: existing.some((c) => c.id === command.id) ? 200 : 201, body: command };
    });
    on('DELETE', `${base}/:commandId`, ({ params }) => {
      const scope = commandScope(params);
      if (typeof scope !== 'string') return scope;
      const existing = commands.get(scope) ?? [];
      if (!existing.some((c) => c.id === params.commandId))
        return error(404, 10063, 'Unknown application command');
      commands.set(
        scope,
        existing.filter((c) => c.id !== params.commandId),
      );
      return { status: 204 };
    });
  }

  // Interaction callback.
  on('POST', '/interactions/:id/:token/callback', ({ request, params }) => {
    const state = interactionsById.get(params.id ?? '');
    if (!state || state.token !== params.token) return unknownInteraction();
    if (state.callback) return error(400, 40060, 'Interaction has already been acknowledged.');
    if (
      opts.interactionTimeoutMs !== undefined &&
      Date.now() - state.dispatchedAt > opts.interactionTimeoutMs
    ) {
      return unknownInteraction();
    }
    const body = isObject(request.body) ? request.body : {};
    const type = asNumber(body.type);
    const data = isObject(body.data) ? body.data : undefined;
    if (type === undefined) return invalidForm({ type: 'This field is required' });
    if (validate) {
      const problems = validateCallback(type, state.type, data, request.files.length);
      if (problems) return invalidForm(problems);
    }

    const withResponse = request.query.with_response === 'true';
    const record: InteractionCallbackRecord = { type, data, withResponse, request };
    state.callback = record;
    const now = new Date().toISOString();
    switch (type) {
      case CallbackType.ChannelMessageWithSource:
        state.original = buildMessage(state, data ?? {}, request.files, { type: originalMessageType(state) });
        break;
      case CallbackType.DeferredChannelMessageWithSource:
        state.original = buildMessage(state, {}, [], {
          type: originalMessageType(state),
          flags: ((asNumber(data?.flags) ?? 0) & MessageFlag.Ephemeral) | MessageFlag.Loading,
        });
        break;
      case CallbackType.DeferredMessageUpdate:
        state.original = state.componentMessage;
        break;
      case CallbackType.UpdateMessage:
        if (state.componentMessage) {
          state.original = patchMessage(state.componentMessage, data ?? {}, request.files, now);
          state.componentMessage = state.original;
        }
        break;
      default:
        break;
    }
    state.outputs.push({
      kind: 'callback',
      callbackType: type,
      target: '@original',
      body: data ?? {},
      files: request.files,
      at: Date.now(),
      request,
    });
    state.resolveCallback(record);

    if (!withResponse) return { status: 204 };
    const hasMessage = [4, 5, 7].includes(type) && state.original;
    return {
      status: 200,
      body: {
        interaction: {
          id: state.id,
          type: state.type,
          response_message_id: state.original?.id ?? null,
          response_message_loading: type === CallbackType.DeferredChannelMessageWithSource,
          response_message_ephemeral: !!((state.original?.flags ?? 0) & MessageFlag.Ephemeral),
        },
        resource: hasMessage ? { type, message: state.original } : { type },
      },
    };
  });

  // Interaction webhooks: original response and follow-ups.
  const webhookState = (params: Record<string, string>): InteractionState | Reply => {
    const state = interactionsByToken.get(params.token ?? '');
    if (!state || params.appId !== applicationId || !state.callback) return unknownWebhook();
    return state;
  };
  const findMessage = (state: InteractionState, messageId: string): FakeMessage | undefined => {
    if (messageId === '@original' || messageId === state.original?.id) {
      return state.originalDeleted ? undefined : state.original;
    }
    return state.followUps.get(messageId);
  };
  const isReply = (value: InteractionState | Reply): value is Reply => 'status' in value;

  on('POST', '/webhooks/:appId/:token', ({ request, params }) => {
    const state = webhookState(params);
    if (isReply(state)) return state;
    const body = isObject(request.body) ? request.body : {};
    if (validate) {
      const problems = validateMessage(body, { requireContent: request.files.length === 0 });
      if (problems) return invalidForm(problems);
    }
    // Discord: a follow-up sent while a deferral is still "thinking…" resolves it. It edits the
    // deferred message, which keeps the deferral's visibility whatever flags the follow-up asks.
    const loading =
      state.original && !state.originalDeleted && (state.original.flags & MessageFlag.Loading) !== 0;
    if (loading && state.original) {
      state.original = patchMessage(state.original, body, request.files, new Date().toISOString());
      state.outputs.push({
        kind: 'followup',
        target: state.original.id,
        body,
        files: request.files,
        at: Date.now(),
        request,
      });
      return request.query.wait === 'false' ? { status: 204 } : { status: 200, body: state.original };
    }
    const message = buildMessage(state, body, request.files, { type: 0 });
    state.followUps.set(message.id, message);
    state.outputs.push({
      kind: 'followup',
      target: message.id,
      body,
      files: request.files,
      at: Date.now(),
      request,
    });
    return request.query.wait === 'false' ? { status: 204 } : { status: 200, body: message };
  });
  on('GET', '/webhooks/:appId/:token/messages/:messageId', ({ params }) => {
    const state = webhookState(params);
    if (isReply(state)) return state;
    const message = findMessage(state, params.messageId ?? '');
    return message ? { status: 200, body: message } : unknownMessage();
  });
  on('PATCH', '/webhooks/:appId/:token/messages/:messageId', ({ request, params }) => {
    const state = webhookState(params);
    if (isReply(state)) return state;
    const messageId = params.messageId ?? '';
    const message = findMessage(state, messageId);
    if (!message) return unknownMessage();
    const body = isObject(request.body) ? request.body : {};
    if (validate) {
      const problems = validateMessage(body, { requireContent: false });
      if (problems) return invalidForm(problems);
    }
    const updated = patchMessage(message, body, request.files, new Date().toISOString());
    if (message === state.original) {
      state.original = updated;
      if (state.componentMessage?.id === updated.id) state.componentMessage = updated;
    } else {
      state.followUps.set(updated.id, updated);
    }
    state.outputs.push({
      kind: 'edit',
      target: messageId,
      body,
      files: request.files,
      at: Date.now(),
      request,
    });
    return { status: 200, body: updated };
  });
  on('DELETE', '/webhooks/:appId/:token/messages/:messageId', ({ request, params }) => {
    const state = webhookState(params);
    if (isReply(state)) return state;
    const messageId = params.messageId ?? '';
    const message = findMessage(state, messageId);
    if (!message) return unknownMessage();
    if (message === state.original) state.originalDeleted = true;
    else state.followUps.delete(message.id);
    state.outputs.push({ kind: 'delete', target: messageId, body: {}, files: [], at: Date.now(), request });
    return { status: 204 };
  });

  // --- messages ----------------------------------------------------------------------------------------
  function originalMessageType(state: InteractionState): number {
    const data = isObject(state.payload.data) ? state.payload.data : {};
    // 20 = CHAT_INPUT_COMMAND, 23 = CONTEXT_MENU_COMMAND, 19 = REPLY (components/modals)
    if (state.type === InteractionType.ApplicationCommand) return data.type === 1 ? 20 : 23;
    return 19;
  }

  function buildAttachments(
    body: JsonObject,
    files: readonly RecordedFile[],
    previous: unknown[],
  ): unknown[] {
    const described = Array.isArray(body.attachments) ? body.attachments : undefined;
    const fromFile = (file: RecordedFile, extra: JsonObject = {}): JsonObject => {
      const id = snowflake();
      return {
        id,
        filename: file.name,
        size: file.size,
        content_type: file.contentType,
        url: `${origin}/attachments/${id}/${encodeURIComponent(file.name)}`,
        proxy_url: `${origin}/attachments/${id}/${encodeURIComponent(file.name)}`,
        ...extra,
      };
    };
    if (!described) return [...previous, ...files.map((f) => fromFile(f))];
    const result: unknown[] = [];
    for (const entry of described) {
      if (!isObject(entry)) continue;
      const file = files.find((f) => f.field === `files[${String(entry.id)}]`);
      if (file) {
        const { id: _ignored, ...rest } = entry;
        result.push(fromFile(file, rest));
        continue;
      }
      const kept = previous.find((p) => isObject(p) && p.id === String(entry.id));
      if (kept) result.push(kept);
    }
    return result;
  }

  function buildMessage(
    state: InteractionState,
    body: JsonObject,
    files: readonly RecordedFile[],
    extra: { type: number; flags?: number },
  ): FakeMessage {
    const { allowed_mentions: _allowedMentions, attachments: _attachments, ...fields } = body;
    return {
      id: snowflake(),
      channel_id: state.channelId,
      ...(state.guildId ? { guild_id: state.guildId } : {}),
      author: { ...botUser, bot: true },
      content: '',
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      position: 0,
      webhook_id: applicationId,
      application_id: applicationId,
      interaction_metadata: {
        id: state.id,
        type: state.type,
        user: interactionUser(state.payload),
        authorizing_integration_owners: state.payload.authorizing_integration_owners ?? {},
      },
      ...fields,
      type: extra.type,
      embeds: normaliseEmbeds(fields.embeds),
      components: Array.isArray(fields.components) ? fields.components : [],
      attachments: buildAttachments(body, files, []),
      flags: extra.flags ?? asNumber(fields.flags) ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
  }

  function patchMessage(
    message: FakeMessage,
    body: JsonObject,
    files: readonly RecordedFile[],
    now: string,
  ): FakeMessage {
    const next: FakeMessage = { ...message, edited_timestamp: now };
    if ('content' in body) next.content = asString(body.content) ?? '';
    if ('embeds' in body) next.embeds = normaliseEmbeds(body.embeds);
    if ('components' in body) next.components = Array.isArray(body.components) ? body.components : [];
    if ('attachments' in body || files.length > 0)
      next.attachments = buildAttachments(body, files, message.attachments);
    if ('poll' in body) next.poll = body.poll;
    // Editing a deferred ("thinking...") message clears the loading flag; only some flags are editable.
    const requested = asNumber(body.flags);
    next.flags =
      (message.flags & ~MessageFlag.Loading) |
      (requested !== undefined ? requested & MessageFlag.IsComponentsV2 : 0);
    return next;
  }

  // --- interactions ------------------------------------------------------------------------------------
  function completeMessage(
    partial: Partial<FakeMessage>,
    channelId: string,
    guildId: string | undefined,
    author: FakeUser,
  ): FakeMessage {
    return {
      id: snowflake(),
      type: 0,
      channel_id: channelId,
      ...(guildId ? { guild_id: guildId } : {}),
      author,
      content: '',
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      embeds: [],
      components: [],
      attachments: [],
      flags: 0,
      ...partial,
    };
  }

  function sendInteraction(init: InteractionInit, options: { dispatch?: boolean } = {}): SentInteraction {
    const invoker: FakeUser = { ...user, ...init.user };
    const guild =
      init.guildId === null ? undefined : guilds.find((g) => g.id === (init.guildId ?? firstGuild?.id));
    if (init.guildId && !guild) throw new Error(`FakeDiscord: unknown guild ${init.guildId}`);
    // The shard that owns the guild (DMs go to shard 0), unless the test forces another.
    const conn =
      options.dispatch === false
        ? undefined
        : requireLive(
            shardCount > 1 ? (init.shard ?? (guild ? shardOf(guild.id, shardCount) : 0)) : undefined,
          );
    const channelId = init.channelId ?? guild?.textChannel.id ?? snowflake();
    const channel = guild?.channels.find((c) => c.id === channelId) ?? {
      id: channelId,
      name: 'general',
      type: guild ? 0 : 1,
    };
    const id = init.id ?? snowflake();
    const token = init.token ?? randomToken('itok');
    const data: JsonObject = { ...init.data };

    // Fill in command ids (from registered commands when possible) and complete resolved messages.
    if (init.type === InteractionType.ApplicationCommand || init.type === InteractionType.Autocomplete) {
      if (data.id === undefined) {
        const scopes = [guild?.id ?? '', 'global'];
        const known = scopes.flatMap((s) => commands.get(s) ?? []).find((c) => c.name === data.name);
        data.id = asString(known?.id) ?? snowflake();
        if (known?.guild_id) data.guild_id = known.guild_id;
      }
      data.type ??= 1;
      const resolved = isObject(data.resolved) ? data.resolved : undefined;
      if (resolved && isObject(resolved.messages)) {
        const messages: JsonObject = {};
        for (const [messageId, value] of Object.entries(resolved.messages)) {
          const partial = isObject(value) ? (value as Partial<FakeMessage>) : {};
          messages[messageId] = completeMessage({ ...partial, id: messageId }, channelId, guild?.id, invoker);
        }
        data.resolved = { ...resolved, messages };
      }
    }

    let componentMessage: FakeMessage | undefined;
    if (init.type === InteractionType.MessageComponent) {
      const customId = asString(data.custom_id) ?? 'button';
      componentMessage = completeMessage(
        {
          components: [
            { type: 1, components: [{ type: 2, style: 1, custom_id: customId, label: 'Button' }] },
          ],
          ...init.message,
        },
        channelId,
        guild?.id,
        { ...botUser, bot: true },
      );
    } else if (init.type === InteractionType.ModalSubmit && init.message) {
      // A form opened from a message's button comes back with that message.
      componentMessage = completeMessage({ ...init.message }, channelId, guild?.id, {
        ...botUser,
        bot: true,
      });
    }

    const payload: JsonObject = {
      id,
      application_id: applicationId,
      type: init.type,
      token,
      version: 1,
      data,
      channel_id: channelId,
      channel: guild
        ? { id: channelId, type: channel.type, guild_id: guild.id, name: channel.name, flags: 0, position: 0 }
        : { id: channelId, type: 1, recipients: [invoker], flags: 0 },
      app_permissions: init.appPermissions ?? DEFAULT_PERMISSIONS,
      locale: init.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: guild ? { '0': guild.id } : {},
      context: guild ? 0 : 1,
      attachment_size_limit: 10_485_760,
    };
    if (guild) {
      payload.guild_id = guild.id;
      payload.guild_locale = init.guildLocale ?? 'en-US';
      payload.guild = { id: guild.id, locale: init.guildLocale ?? 'en-US', features: [] };
      payload.member = {
        user: invoker,
        roles: init.memberRoles ?? [],
        permissions: init.permissions ?? DEFAULT_PERMISSIONS,
        joined_at: new Date(Date.now() - 86_400_000).toISOString(),
        nick: null,
        avatar: null,
        banner: null,
        premium_since: null,
        communication_disabled_until: null,
        deaf: false,
        mute: false,
        pending: false,
        flags: 0,
      };
    } else {
      payload.user = invoker;
    }
    if (componentMessage) payload.message = componentMessage;
    Object.assign(payload, init.overrides);

    let resolveCallback: (record: InteractionCallbackRecord) => void = () => {};
    const callback = new Promise<InteractionCallbackRecord>((resolve) => {
      resolveCallback = resolve;
    });
    const state: InteractionState = {
      id,
      token,
      type: init.type,
      payload,
      dispatchedAt: Date.now(),
      channelId,
      guildId: guild?.id,
      componentMessage,
      callback: undefined,
      resolveCallback,
      original: undefined,
      originalDeleted: false,
      followUps: new Map(),
      outputs: [],
    };
    interactionsById.set(id, state);
    interactionsByToken.set(token, state);
    if (conn) dispatchOn(conn, 'INTERACTION_CREATE', payload);

    const usesToken = (r: RecordedRequest): boolean => r.route.split('/').includes(token);
    return {
      id,
      token,
      payload,
      callback,
      waitForCallback: (timeoutMs) =>
        waitFor(() => state.callback, timeoutMs, `callback for interaction ${id}`),
      callbackAttempts: () =>
        requests.filter((r) => r.method === 'POST' && r.route === `/interactions/${id}/${token}/callback`),
      requests: () => requests.filter(usesToken),
      outputs: () => [...state.outputs],
      messageBodies: () => state.outputs.filter((o) => o.kind !== 'delete').map((o) => o.body),
      waitForOutput: (predicate = () => true, timeoutMs) =>
        waitFor(() => state.outputs.find(predicate), timeoutMs, `bot output for interaction ${id}`),
      original: () => (state.originalDeleted ? undefined : state.original),
      followUps: () => [...state.followUps.values()],
    };
  }

  // --- public API --------------------------------------------------------------------------------------
  const answered = (r: RecordedRequest): boolean => r.response !== undefined;

  const fake: FakeDiscord = {
    apiUrl,
    port,
    applicationId,
    botUser,
    user,
    guilds,
    guild: firstGuild,
    channel: firstGuild.textChannel,
    gateway,
    requests,
    commands,
    sendInteraction,
    failNext(matcher, spec) {
      const fault: ActiveFault = { match: compileMatcher(matcher), spec, left: spec.times ?? 1, hits: [] };
      activeFaults.push(fault);
      return {
        hits: fault.hits,
        remaining: () => fault.left,
        cancel: () => {
          fault.left = 0;
        },
      };
    },
    requestsMatching: (matcher) => requests.filter(compileMatcher(matcher)),
    nextRequest(matcher, timeoutMs) {
      const match = compileMatcher(matcher);
      const after = requests.length;
      return waitFor(
        () => requests.slice(after).find((r) => answered(r) && match(r)),
        timeoutMs,
        `next request matching ${String(matcher)}`,
      );
    },
    waitForRequests(matcher, count, timeoutMs) {
      const match = compileMatcher(matcher);
      return waitFor(
        () => {
          const found = requests.filter((r) => answered(r) && match(r));
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        `${count} request(s) matching ${String(matcher)}`,
      );
    },
    unknownRequests: () => requests.filter((r) => r.unknownRoute),
    waitFor,
    clearRecords() {
      requests.length = 0;
      identifies.length = 0;
      resumes.length = 0;
      received.length = 0;
      activeFaults = [];
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const reject of [...closeRejecters]) reject(new Error('FakeDiscord is closed'));
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  log(`[fake-discord] listening on ${origin} (api ${apiUrl}, gateway ${gatewayUrl})`);
  return fake;
}

// ---------------------------------------------------------------------------------------------------------
// Payload construction and validation helpers
// ---------------------------------------------------------------------------------------------------------

function buildGuild(init: FakeGuildInit, botUser: FakeUser, owner: FakeUser): FakeGuild {
  const id = init.id ?? snowflake();
  const channels: FakeChannel[] = (init.channels ?? [{}]).map((c, i) => ({
    id: c.id ?? snowflake(),
    name: c.name ?? (i === 0 ? 'general' : `channel-${i}`),
    type: c.type ?? 0,
    ...(c.hidden ? { hidden: true } : {}),
  }));
  const textChannel = channels.find((c) => c.type === 0);
  if (!textChannel) throw new Error(`FakeDiscord: guild ${id} needs at least one text channel (type 0)`);
  const name = init.name ?? 'Fake Guild';
  const joinedAt = new Date().toISOString();
  const payload: JsonObject = {
    id,
    name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: init.ownerId ?? owner.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    features: [],
    application_id: null,
    system_channel_id: textChannel.id,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    incidents_data: null,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    lazy: true,
    roles: [
      {
        id,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: '2222085186637376',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: channels.map((c, position) => ({
      id: c.id,
      type: c.type,
      name: c.name,
      position,
      parent_id: null,
      // View Channel (1024) denied to @everyone, whose role has the guild's id.
      permission_overwrites: c.hidden ? [{ id, type: 0, allow: '0', deny: '1024' }] : [],
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    })),
    threads: [],
    // The bot's own member, as Discord sends it (so `guild.members.me` works).
    members: [
      {
        user: botUser,
        roles: [],
        joined_at: joinedAt,
        nick: null,
        avatar: null,
        premium_since: null,
        deaf: false,
        mute: false,
        pending: false,
        flags: 0,
      },
    ],
    voice_states: [],
    presences: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
    ...init.extra,
  };
  return { id, name, channels, textChannel, payload };
}

function interactionUser(payload: JsonObject): unknown {
  if (isObject(payload.member)) return payload.member.user;
  return payload.user;
}

function normaliseEmbeds(value: unknown): unknown[] {
  return asArray(value).map((embed) => (isObject(embed) ? { type: 'rich', ...embed } : embed));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    // discord.js sends `files[n]` parts plus a `payload_json` part when attachments are involved.
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      const data = Buffer.from(await value.arrayBuffer());
      files.push({ field, name: value.name, contentType: value.type, size: data.length, data });
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  if (contentType?.startsWith('application/json')) {
    try {
      return { body: JSON.parse(text), files: [] };
    } catch {
      return { body: text, files: [] };
    }
  }
  return { body: text, files: [] };
}

type Problems = Record<string, string>;

/** A 400 `Invalid Form Body` reply in Discord's nested `errors` format. */
function invalidForm(problems: Problems): { status: number; body: unknown } {
  const errors: JsonObject = {};
  for (const [path, message] of Object.entries(problems)) {
    let node = errors;
    for (const key of path.split('.')) {
      const child = isObject(node[key]) ? (node[key] as JsonObject) : {};
      node[key] = child;
      node = child;
    }
    node._errors = [{ code: 'BASE_TYPE_INVALID', message }];
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

function checkLength(problems: Problems, path: string, value: unknown, max: number, min = 0): number {
  if (value === undefined || value === null) {
    if (min > 0) problems[path] = 'This field is required';
    return 0;
  }
  const text = typeof value === 'string' ? value : String(value);
  if (text.length > max || text.length < min) {
    problems[path] = `Must be between ${min} and ${max} in length.`;
  }
  return text.length;
}

/** Checks documented message limits; returns undefined when fine. Paths are relative to the message. */
function validateMessage(
  body: JsonObject,
  options: { requireContent: boolean; prefix?: string },
): Problems | undefined {
  const problems: Problems = {};
  const p = (path: string): string => (options.prefix ? `${options.prefix}.${path}` : path);
  checkLength(problems, p('content'), body.content, 2000);

  const embeds = asArray(body.embeds);
  if (embeds.length > 10) problems[p('embeds')] = 'Must be 10 or fewer in length.';
  let embedTotal = 0;
  for (const [i, embed] of embeds.entries()) {
    if (!isObject(embed)) continue;
    const e = (path: string): string => p(`embeds.${i}.${path}`);
    embedTotal += checkLength(problems, e('title'), embed.title, 256);
    embedTotal += checkLength(problems, e('description'), embed.description, 4096);
    if (isObject(embed.footer))
      embedTotal += checkLength(problems, e('footer.text'), embed.footer.text, 2048);
    if (isObject(embed.author)) embedTotal += checkLength(problems, e('author.name'), embed.author.name, 256);
    const fields = asArray(embed.fields);
    if (fields.length > 25) problems[e('fields')] = 'Must be 25 or fewer in length.';
    for (const [j, field] of fields.entries()) {
      if (!isObject(field)) continue;
      embedTotal += checkLength(problems, e(`fields.${j}.name`), field.name, 256, 1);
      embedTotal += checkLength(problems, e(`fields.${j}.value`), field.value, 1024, 1);
    }
  }
  if (embedTotal > 6000) problems[p('embeds')] = 'Embed size exceeds maximum size of 6000';

  const flags = asNumber(body.flags) ?? 0;
  const components = asArray(body.components);
  if (!(flags & MessageFlag.IsComponentsV2)) {
    if (components.length > 5) problems[p('components')] = 'Must be 5 or fewer in length.';
    for (const [i, row] of components.entries()) {
      if (!isObject(row)) continue;
      const children = asArray(row.components);
      if (children.length > 5) problems[p(`components.${i}.components`)] = 'Must be 5 or fewer in length.';
      for (const [j, child] of children.entries()) {
        if (!isObject(child)) continue;
        const c = (path: string): string => p(`components.${i}.components.${j}.${path}`);
        if (child.custom_id !== undefined) checkLength(problems, c('custom_id'), child.custom_id, 100, 1);
        if (child.label !== undefined) checkLength(problems, c('label'), child.label, 80);
        if (asArray(child.options).length > 25) problems[c('options')] = 'Must be 25 or fewer in length.';
      }
    }
  }

  const mentions = isObject(body.allowed_mentions) ? body.allowed_mentions : undefined;
  if (mentions) {
    const parse = asArray(mentions.parse);
    for (const kind of ['users', 'roles'] as const) {
      if (parse.includes(kind) && asArray(mentions[kind]).length > 0) {
        problems[p(`allowed_mentions.${kind}`)] = `Cannot specify both parse:["${kind}"] and ${kind}.`;
      }
    }
  }

  const empty =
    !asString(body.content) && embeds.length === 0 && components.length === 0 && body.poll === undefined;
  if (options.requireContent && empty && asArray(body.attachments).length === 0) {
    problems[p('content')] = 'Cannot send an empty message';
  }
  return Object.keys(problems).length > 0 ? problems : undefined;
}

function validateCallback(
  type: number,
  interactionType: number,
  data: JsonObject | undefined,
  fileCount: number,
): Problems | undefined {
  switch (type) {
    case CallbackType.ChannelMessageWithSource:
      return validateMessage(data ?? {}, { requireContent: fileCount === 0, prefix: 'data' });
    case CallbackType.UpdateMessage:
    case CallbackType.DeferredMessageUpdate:
      if (
        interactionType !== InteractionType.MessageComponent &&
        interactionType !== InteractionType.ModalSubmit
      ) {
        return { type: 'Update callbacks are only valid for component and modal interactions' };
      }
      return data ? validateMessage(data, { requireContent: false, prefix: 'data' }) : undefined;
    case CallbackType.Modal: {
      if (
        interactionType !== InteractionType.MessageComponent &&
        interactionType !== InteractionType.ApplicationCommand
      )
        return { type: 'A modal answers only a command or a component' };
      const problems: Problems = {};
      checkLength(problems, 'data.custom_id', data?.custom_id, 100, 1);
      checkLength(problems, 'data.title', data?.title, 45, 1);
      const rows = asArray(data?.components);
      if (rows.length < 1 || rows.length > 5)
        problems['data.components'] = 'Must be between 1 and 5 in length.';
      for (const [i, r] of rows.entries()) {
        for (const [k, c] of asArray(isObject(r) ? r.components : undefined).entries()) {
          if (!isObject(c)) continue;
          checkLength(problems, `data.components.${i}.components.${k}.label`, c.label, 45, 1);
          checkLength(problems, `data.components.${i}.components.${k}.custom_id`, c.custom_id, 100, 1);
          if (typeof c.max_length === 'number' && (c.max_length < 1 || c.max_length > 4000))
            problems[`data.components.${i}.components.${k}.max_length`] = 'Must be between 1 and 4000.';
        }
      }
      return Object.keys(problems).length > 0 ? problems : undefined;
    }
    case CallbackType.ApplicationCommandAutocompleteResult: {
      if (interactionType !== InteractionType.Autocomplete)
        return { type: 'Autocomplete result for non-autocomplete' };
      const choices = asArray(data?.choices);
      const problems: Problems = {};
      if (choices.length > 25) problems['data.choices'] = 'Must be 25 or fewer in length.';
      for (const [i, choice] of choices.entries()) {
        if (!isObject(choice)) continue;
        checkLength(problems, `data.choices.${i}.name`, choice.name, 100, 1);
        if (typeof choice.value === 'string')
          checkLength(problems, `data.choices.${i}.value`, choice.value, 100);
      }
      return Object.keys(problems).length > 0 ? problems : undefined;
    }
    default:
      return undefined;
  }
}

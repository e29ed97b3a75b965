/**
 * The HTTP interactions transport: instead of a gateway connection, Discord POSTs every
 * interaction to `/interactions`, signed with the application's Ed25519 key. Each one becomes an
 * Incoming and goes through the same router as the gateway's. The first acknowledgement is the
 * HTTP response itself; later messages (the edit after a deferral, follow-ups) go over REST to
 * the interaction's webhook. No state lives in the process but the ids of the interactions it
 * handled in the last minutes (to refuse one sent again): any number of replicas can serve the
 * same application behind a load balancer.
 *
 * Requests are refused, each with one warning line (the first 20 a minute of each kind, then a
 * count: see limitedLog) and its connection closed, before any JSON is parsed: a missing or
 * bad signature, a timestamp older than 5 minutes or more than 1 minute ahead (401), a body over
 * 64 KiB (413, not read further); then JSON that does not parse (400), an interaction already
 * handled (401). `GET /healthz` tells a load balancer whether this process answers (200) or not
 * yet or not any more (503).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, InteractionType, REST, Routes } from 'discord.js';
import type { Command, Context } from '../../../commands/_contract.js';
import type { HttpConfig } from '../config.js';
import { describe, type Logger } from '../logger.js';
import { createRouter, NOT_UNDERSTOOD } from '../router.js';
import { render, renderOops } from '../views/index.js';
import { limitConnections } from './connections.js';
import { type Exchange, fromApi, isObject, toApi } from './http-interaction.js';
import { header, pathOf, Refused, readBody, sendJson, tooLarge } from './http-io.js';
import { holdsMentions, serverNames } from './http-names.js';
import { limitedLog } from './log-limit.js';
import { publicKeyFrom, signatureHeadersProblem, verifySignature } from './signature.js';

/** The largest body accepted: an interaction is a few KiB (a context menu's message: at most ~30). */
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * Connections open at once, at most (a client's request each, up to MAX_BODY_BYTES); past it,
 * silent and idle ones give way (see limitConnections). Discord opens a few.
 */
export const MAX_CONNECTIONS = 512;
/** How long a request may take to arrive, headers and body: Discord sends one at once. */
export const REQUEST_TIMEOUT_MS = 10_000;
/**
 * Interaction ids remembered, at most, to refuse one sent again: the ids of the 5 minutes a
 * signature's timestamp is good for (past this many, the oldest are forgotten first).
 */
export const SEEN_IDS = 100_000;
const SEEN_FOR_MS = 6 * 60_000;
export interface HttpOptions {
  /** Settings; `interactionsPort` 0 listens on a free port (tests). */
  config: HttpConfig;
  commands: ReadonlyMap<string, Command>;
  ctx: Context;
  logger: Logger;
  /** Whether the documents are loaded: /healthz says 503 and interactions are refused until then. */
  isReady: () => boolean;
  /** How long a request may take to arrive (tests shorten it). */
  requestTimeoutMs?: number;
  /** Connections open at once, at most (tests lower it). */
  maxConnections?: number;
}

export interface HttpServer {
  /** The port listened on. */
  port: number;
  /** Stops taking requests, lets the ones under way finish (follow-ups included), then closes. */
  close(): Promise<void>;
}

export async function startHttp({
  config,
  commands,
  ctx,
  logger,
  isReady,
  requestTimeoutMs = REQUEST_TIMEOUT_MS,
  maxConnections = MAX_CONNECTIONS,
}: HttpOptions): Promise<HttpServer> {
  const key = publicKeyFrom(config.publicKey);
  // Interaction webhooks take the interaction's token, not the bot's (requests go with auth: false).
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const router = createRouter({ commands, ctx, logger });
  const namesOf = serverNames(rest, logger);
  /** Interactions being handled: close() waits for them (their edits and follow-ups included). */
  const inflight = new Set<Promise<void>>();
  let closing = false;

  // Anyone may send requests: the lines they cause are limited (see limitedLog).
  const refusals = limitedLog(logger);
  const refuse = (req: IncomingMessage, res: ServerResponse, refusal: Refused) => {
    refusals.warn(`${refusal.status} ${refusal.reason}`, 'request refused', {
      status: refusal.status,
      reason: refusal.reason,
      method: req.method,
      path: pathOf(req).slice(0, 100),
      from: req.socket.remoteAddress,
    });
    // A refused client gets no connection to keep: it cannot hold slots with requests it may
    // send without a signature.
    sendJson(res, refusal.status, { message: refusal.reason }, { ...refusal.headers, connection: 'close' });
  };
  /** Interaction ids handled in the last minutes (see SEEN_IDS), with when they were seen. */
  const seen = new Map<string, number>();
  const seenBefore = (id: string): boolean => {
    const now = Date.now();
    if (seen.has(id)) return true;
    for (const [old, at] of seen) {
      if (seen.size < SEEN_IDS && now - at < SEEN_FOR_MS) break;
      seen.delete(old);
    }
    seen.set(id, now);
    return false;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new Refused(405, 'method not allowed', { allow: 'GET, HEAD' });
      // A health check needs no connection kept: none is held open by asking for it.
      const close = { connection: 'close' };
      if (closing) return sendJson(res, 503, { status: 'stopping' }, close);
      if (!isReady()) return sendJson(res, 503, { status: 'loading' }, close);
      const engine = ctx.engine();
      return sendJson(
        res,
        200,
        { status: 'ready', documents: engine.documents.length, passages: engine.passageCount },
        close,
      );
    }
    if (path !== '/interactions') throw new Refused(404, 'not found');
    if (req.method !== 'POST') throw new Refused(405, 'method not allowed', { allow: 'POST' });

    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) throw tooLarge(MAX_BODY_BYTES);
    // The signature's headers and date are checked before the body is read.
    const signature = header(req, 'x-signature-ed25519');
    const timestamp = header(req, 'x-signature-timestamp');
    if (signature === undefined || timestamp === undefined) throw new Refused(401, 'missing signature');
    const problem = signatureHeadersProblem(signature, timestamp, Date.now());
    if (problem) throw new Refused(401, problem);

    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'aborted') return;
    if (!verifySignature(key, signature, timestamp, body)) throw new Refused(401, 'bad signature');
    protect(req, res);

    let interaction: unknown;
    try {
      interaction = JSON.parse(body.toString('utf8'));
    } catch {
      throw new Refused(400, 'invalid JSON');
    }
    if (!isObject(interaction) || typeof interaction.type !== 'number')
      throw new Refused(400, 'not an interaction');
    if (interaction.type === InteractionType.Ping)
      return sendJson(res, 200, { type: InteractionResponseType.Pong });
    if (typeof interaction.id !== 'string' || typeof interaction.token !== 'string')
      throw new Refused(400, 'interaction without an id or a token');
    if (closing) throw new Refused(503, 'stopping');
    if (!isReady()) throw new Refused(503, 'documents not loaded yet');
    // The same signed request sent again within its 5 minutes (by whoever could read it); one
    // refused above as not ready is not counted as handled.
    if (seenBefore(interaction.id)) throw new Refused(401, 'replayed interaction');

    // From here the request is answered whatever happens, and close() waits for all of it: the
    // server's names read first, then the handling (what was checked above, kept as constants).
    const raw = interaction;
    const { id, token, type } = interaction;
    const handling = (async () => {
      // Role and channel mentions typed into it are read by the server's names (http-names.ts).
      const names =
        typeof raw.guild_id === 'string' && holdsMentions(raw) ? await namesOf(raw.guild_id) : undefined;
      const exchange = createExchange(res, rest, config.clientId, token);
      const incoming = fromApi(raw, exchange, names);
      if (!incoming) {
        logger.warn('interaction not handled', {
          id,
          type,
          subtype: isObject(raw.data) ? String(raw.data.type ?? raw.data.component_type) : undefined,
        });
        exchange.respond({
          type: InteractionResponseType.ChannelMessageWithSource,
          data: toApi(render({ kind: 'problem', message: NOT_UNDERSTOOD }), true),
        });
        return;
      }
      await router
        .handle(incoming)
        .catch((error: unknown) => {
          logger.error('interaction handler failed', { id: incoming.id, error: describe(error) });
        })
        .finally(() => {
          // The router answers every interaction; should it ever not, Discord still gets an answer.
          if (exchange.responded) return;
          logger.error('interaction left unanswered', { id: incoming.id, command: incoming.command });
          exchange.respond(
            incoming.kind === 'autocomplete'
              ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
              : {
                  type: InteractionResponseType.ChannelMessageWithSource,
                  data: toApi(renderOops(incoming.id), true),
                },
          );
        });
    })();
    inflight.add(handling);
    try {
      await handling;
    } finally {
      inflight.delete(handling);
    }
  };

  // Node checks the timeouts below only every `connectionsCheckingInterval` (30 s by default).
  const server = createServer(
    { connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs / 4) },
    (req, res) => {
      serve(req, res).catch((error: unknown) => {
        if (error instanceof Refused) {
          refuse(req, res, error);
          return;
        }
        logger.error('HTTP request failed', { path: pathOf(req).slice(0, 100), error: describe(error) });
        if (!res.headersSent) sendJson(res, 500, { message: 'internal error' });
        else res.destroy();
      });
    },
  );
  // Discord sends a whole request at once: a client trickling one in is not waited for long.
  server.headersTimeout = requestTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  // A request whose signature holds keeps its connection while it is answered (serve, above).
  const protect = limitConnections(server, maxConnections);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.interactionsPort, config.interactionsHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('HTTP server error', { error: describe(error) }));
  const port = (server.address() as AddressInfo).port;
  logger.info('serving interactions over HTTP', {
    host: config.interactionsHost,
    port,
    path: '/interactions',
    commands: commands.size,
  });

  let closed: Promise<void> | undefined;
  return {
    port,
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.allSettled([...inflight]);
        server.closeAllConnections();
        await stopped;
        rest.clearHashSweeper();
        rest.clearHandlerSweeper();
        refusals.close();
      })();
      return closed;
    },
  };
}

function createExchange(res: ServerResponse, rest: REST, applicationId: string, token: string): Exchange {
  let responded = false;
  /** Settles once the response is written (or the connection is gone): REST calls come after it. */
  const sent = new Promise<void>((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
  });
  const afterResponse = async () => {
    if (!responded) throw new Error('the interaction has not been acknowledged yet');
    await sent;
  };
  return {
    get responded() {
      return responded;
    },
    respond(response) {
      if (responded) throw new Error('the interaction has already been acknowledged');
      responded = true;
      sendJson(res, 200, response);
    },
    async editOriginal(body) {
      await afterResponse();
      await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, auth: false });
    },
    async followUp(body) {
      await afterResponse();
      await rest.post(Routes.webhook(applicationId, token), { body, auth: false });
    },
    async deleteOriginal() {
      await afterResponse();
      await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
    },
  };
}

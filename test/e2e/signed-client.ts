/**
 * Discord's side of HTTP interactions, for tests: an Ed25519 key pair standing for the
 * application's (its raw public key in hex is what DISCORD_PUBLIC_KEY takes), requests signed as
 * Discord signs them (`X-Signature-Ed25519` over `timestamp + body`, `X-Signature-Timestamp` in
 * seconds), and ways to get them wrong on purpose (a forged signature, an old timestamp).
 *
 *   const signer = createSigner();
 *   const res = await postSigned(`${url}/interactions`, { type: 1 }, signer);
 *
 * `discordEdge` plays Discord around the fake: it builds an interaction on the fake (not sent on
 * any gateway), POSTs it signed to the bot and hands the bot's HTTP answer to the fake as the
 * interaction's callback, so the fake checks it against Discord's limits and tracks the message
 * (edits and follow-ups by token then land on it, as with the gateway).
 */
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  FakeDiscord,
  InteractionCallbackRecord,
  InteractionInit,
  SentInteraction,
} from './fake-discord.js';

export interface Signer {
  /** The raw 32-byte public key, 64 hex characters (DISCORD_PUBLIC_KEY). */
  readonly publicKeyHex: string;
  /** The hex signature of `timestamp + body`. */
  sign(timestamp: string, body: string | Buffer): string;
}

export function createSigner(): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKeyHex: rawPublicKeyHex(publicKey), sign: signer(privateKey) };
}

/** The 32 raw bytes of an Ed25519 public key: the last 32 of its DER SPKI form. */
function rawPublicKeyHex(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
}

const signer = (privateKey: KeyObject) => (timestamp: string, body: string | Buffer) =>
  sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey).toString('hex');

/** Seconds since the epoch, as X-Signature-Timestamp carries them; `offsetS` moves it. */
export const timestampNow = (offsetS = 0): string => String(Math.floor(Date.now() / 1000) + offsetS);

/** A timestamp `minutes` ago (a replayed request). */
export const minutesAgo = (minutes: number): string => timestampNow(-minutes * 60);

/** A well-formed signature by another key: what a forger without the application's key can make. */
export function forgedSignature(timestamp: string, body: string | Buffer): string {
  return createSigner().sign(timestamp, body);
}

/** 64 random bytes in hex: well-formed, signs nothing. */
export const randomSignature = (): string => randomBytes(64).toString('hex');

export interface SignedOptions {
  /** X-Signature-Timestamp (default: now). */
  timestamp?: string;
  /** X-Signature-Ed25519 (default: the signer's signature of timestamp + body). */
  signature?: string;
  /** Sends no signature headers at all. */
  unsigned?: boolean;
  method?: string;
  headers?: Record<string, string>;
}

export interface SignedResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** POSTs `body` (an object is sent as JSON; a string or Buffer as is) signed by `signer`. */
export async function postSigned(
  url: string,
  body: unknown,
  signer: Signer,
  options: SignedOptions = {},
): Promise<SignedResponse> {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const timestamp = options.timestamp ?? timestampNow();
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (!options.unsigned) {
    headers['x-signature-timestamp'] = timestamp;
    headers['x-signature-ed25519'] = options.signature ?? signer.sign(timestamp, raw);
  }
  const res = await fetch(url, { method: options.method ?? 'POST', headers, body: raw });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** An interaction as the bot's HTTP answer and the fake's record of it. */
export interface Delivered {
  sent: SentInteraction;
  status: number;
  /** The HTTP response body: the interaction's first acknowledgement. */
  response: { type: number; data?: Record<string, unknown> };
  /** The same acknowledgement as the fake accepted it (limits checked). */
  callback: InteractionCallbackRecord;
}

export interface DiscordEdge {
  /** Builds `init` on the fake, POSTs it signed to `url`, relays the answer to the fake. */
  interact(url: string, init: InteractionInit): Promise<Delivered>;
}

export function discordEdge(fake: FakeDiscord, signer: Signer): DiscordEdge {
  return {
    async interact(url, init) {
      const sent = fake.sendInteraction(init, { dispatch: false });
      const res = await postSigned(url, sent.payload, signer);
      if (res.status !== 200) throw new Error(`the bot answered ${res.status}: ${res.text}`);
      const response = res.json as Delivered['response'];
      const relayed = await fetch(`${fake.apiUrl}/v10/interactions/${sent.id}/${sent.token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(response),
      });
      if (relayed.status !== 204)
        throw new Error(`the fake refused the answer (${relayed.status}): ${await relayed.text()}`);
      return { sent, status: res.status, response, callback: await sent.waitForCallback() };
    },
  };
}

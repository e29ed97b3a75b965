/**
 * Discord's signature on HTTP interactions: Ed25519 over `timestamp + body`, with the
 * application's public key. Node's own crypto rather than the discord-interactions package: no
 * dependency, the same check, done in OpenSSL (constant time).
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** A signature older than this is refused (a replayed request). */
export const MAX_AGE_S = 5 * 60;
/** A signature dated further ahead than this is refused (a clock far off, or a forged date). */
export const MAX_AHEAD_S = 60;

/** DER header of an Ed25519 SubjectPublicKeyInfo: followed by the 32 raw bytes of the key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A key object from the 32-byte public key of the application, as hex (the Developer Portal's form). */
export function publicKeyFrom(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('the public key must be 64 hexadecimal characters');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Whether `signature` (hex) signs `timestamp + body` with `key`. */
export function verifySignature(key: KeyObject, signature: string, timestamp: string, body: Buffer): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signature)) return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
      key,
      Buffer.from(signature, 'hex'),
    );
  } catch {
    return false;
  }
}

/**
 * What is wrong with a request's signature headers before its body is read (malformed, dated too
 * far back or ahead of `now`, in ms), or undefined when nothing is.
 */
export function signatureHeadersProblem(
  signature: string,
  timestamp: string,
  now: number,
): string | undefined {
  if (!/^[0-9a-f]{128}$/i.test(signature)) return 'malformed signature';
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed signature timestamp';
  const age = now / 1000 - Number(timestamp);
  if (age > MAX_AGE_S) return 'signature timestamp too old';
  if (age < -MAX_AHEAD_S) return 'signature timestamp in the future';
  return undefined;
}

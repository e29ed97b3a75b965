/** Errors of reaching an address: no setting is wrong in itself (the network, or the address). */

/** The codes Node and its fetch give a connection that could not be made or kept. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * The code and host of an error of reaching an address (its own, or its cause's: fetch's "fetch
 * failed" holds the network's reason there), or undefined for any other error.
 */
export function unreachable(error: unknown): { code: string; hostname?: string } | undefined {
  const e = error as {
    code?: unknown;
    hostname?: unknown;
    cause?: { code?: unknown; hostname?: unknown };
  } | null;
  const code =
    typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  if (code === undefined || !UNREACHABLE.has(code)) return undefined;
  const hostname = e?.cause?.hostname ?? e?.hostname;
  return typeof hostname === 'string' ? { code, hostname } : { code };
}

/**
 * The HTTP plumbing of the interactions endpoint: a request's path and headers, its body read
 * with a size limit, a JSON response, and the refusal a request gets (a status and a reason).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Why a request is refused: its status and the reason logged (never anything from its body). */
export class Refused {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0] ?? '/';

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Refused as too large: the connection is closed after the answer, the rest of the body never kept. */
export const tooLarge = (limit: number) =>
  new Refused(413, `body over ${limit / 1024} KiB`, {
    connection: 'close',
  });

/**
 * The body, or a 413 refusal as soon as it grows over `limit` (what is already read is dropped,
 * the rest never buffered), or 'aborted' when the client went away. The bytes are copied into
 * one buffer as they come (sized by the declared length, up to `limit`): a body sent a byte at a
 * time would otherwise keep a Buffer of about 75 bytes of heap for each byte.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'aborted'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let body = Buffer.allocUnsafe(
      Number.isSafeInteger(declared) && declared >= 0
        ? Math.min(declared, limit)
        : Math.min(16 * 1024, limit),
    );
    let size = 0;
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      action();
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        body = Buffer.alloc(0);
        // Flowing with no listener: whatever still arrives is dropped until the socket closes.
        settle(() => reject(tooLarge(limit)));
        return;
      }
      if (size + chunk.length > body.length) {
        const grown = Buffer.allocUnsafe(Math.min(limit, Math.max(2 * body.length, size + chunk.length)));
        body.copy(grown, 0, 0, size);
        body = grown;
      }
      chunk.copy(body, size);
      size += chunk.length;
    };
    req.on('data', onData);
    req.once('end', () => settle(() => resolve(body.subarray(0, size))));
    req.once('close', () => settle(() => resolve('aborted')));
    req.once('error', () => settle(() => resolve('aborted')));
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

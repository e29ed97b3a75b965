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
 * the rest never buffered), or 'aborted' when the client went away.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'aborted'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      action();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        // Flowing with no listener: whatever still arrives is dropped until the socket closes.
        settle(() => reject(tooLarge(limit)));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(() => resolve(Buffer.concat(chunks))));
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

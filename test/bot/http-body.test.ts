/**
 * Reading an interaction's body over HTTP: what a client that sends its body a byte at a time
 * costs the bot before any signature can be checked (the signature needs the whole body).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptWith } from '../entry.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'seedbot-http-body-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('readBody', () => {
  it('holds a body sent one byte at a time in about its own size, and reads it whole', () => {
    const io = scriptWith('src/bot/transports/http-io.ts');
    // In a process of its own, with a collector to call: the heap a half-read body holds.
    const script = `
      import { EventEmitter } from 'node:events';
      import { readBody } from ${JSON.stringify(io.module)};
      const limit = 64 * 1024;
      const req = new EventEmitter();
      req.headers = { 'content-length': String(limit) };
      const body = readBody(req, limit);
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < limit - 1; i++) req.emit('data', Buffer.from([97 + (i % 26)]));
      globalThis.gc();
      const held = process.memoryUsage().heapUsed - before;
      req.emit('data', Buffer.from('z'));
      req.emit('end');
      const read = await body;
      const whole = read.length === limit && read[0] === 97 && read[25] === 122 && read[limit - 1] === 122;
      process.stdout.write(JSON.stringify({ held, whole }));
    `;
    const file = path.join(tmp, 'trickle.mjs');
    writeFileSync(file, script);
    const out = execFileSync(process.execPath, ['--expose-gc', ...io.args(file)], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
    });
    const { held, whole } = JSON.parse(out) as { held: number; whole: boolean };
    expect(whole).toBe(true);
    // 64 KiB of body: a Buffer kept per byte held about 5 MB of heap, 75 bytes per byte sent.
    expect(held).toBeLessThan(1024 * 1024);
  });
});

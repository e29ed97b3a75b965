import { describe, expect, it } from 'vitest';
import { failedStart } from '../../src/bot/start-problems.js';
import { CoreError } from '../../src/core/errors.js';

const errno = (code: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(code), { code, ...fields });

describe('why the bot could not start', () => {
  it('says to add documents to an empty seeds folder, a setting to fix (exit 2)', () => {
    const f = failedStart(new CoreError('SEEDS_EMPTY', 'the seeds folder ./seeds holds no documents'), false);
    expect(f).toEqual({
      message: 'seedbot: the seeds folder ./seeds holds no documents, then start again',
      exitCode: 2,
    });
  });

  it('says to copy the token again when Discord rejects it (exit 2)', () => {
    const f = failedStart(Object.assign(new Error('401: Unauthorized'), { status: 401 }), false);
    expect(f.message).toMatch(/Discord rejected DISCORD_TOKEN: copy the token again/);
    expect(f.exitCode).toBe(2);
  });

  it('names the setting when the port to listen on is taken, only for listening errors', () => {
    const busy = errno('EADDRINUSE', { address: '0.0.0.0', port: 8080 });
    expect(failedStart(busy, true)).toEqual({
      message:
        'seedbot: could not start: the port 0.0.0.0:8080 is in use by another program: set INTERACTIONS_PORT to a free port, or stop that program',
      exitCode: 2,
    });
    expect(failedStart(busy, false).message).not.toMatch(/INTERACTIONS_PORT/);
  });

  it('tells a network failure to reach Discord apart from a setting (exit 1)', () => {
    const f = failedStart(errno('ENOTFOUND', { hostname: 'discord.com' }), false);
    expect(f.message).toMatch(/could not reach Discord \(ENOTFOUND discord\.com\): check the network/);
    expect(f.exitCode).toBe(1);
  });

  it('shows anything else as it is (exit 1)', () => {
    expect(failedStart(new Error('boom'), false)).toEqual({
      message: 'seedbot: could not start: Error: boom',
      exitCode: 1,
    });
  });
});

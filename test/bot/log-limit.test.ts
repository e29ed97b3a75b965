/** Warning lines strangers can cause are limited per kind, and what is held back is counted. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/logger.js';
import { limitedLog } from '../../src/bot/transports/log-limit.js';

describe('limitedLog', () => {
  it('writes the first lines of each kind, then one line saying how many more there were', async () => {
    const lines: string[] = [];
    const log = limitedLog(
      createLogger('info', (l) => lines.push(l)),
      20,
      50,
    );
    // A flood of unsigned requests, and a few of another kind meanwhile.
    for (let i = 0; i < 5000; i++)
      log.warn('404 not found', 'request refused', { status: 404, path: `/x${i}` });
    for (let i = 0; i < 3; i++) log.warn('401 bad signature', 'request refused', { status: 401 });
    expect(lines).toHaveLength(23);
    await new Promise((r) => setTimeout(r, 120));
    expect(lines).toHaveLength(24);
    expect(lines[23]).toMatch(/request refused: 4980 more in the last 0 s/);
    // A new window writes again.
    log.warn('404 not found', 'request refused', { status: 404 });
    expect(lines).toHaveLength(25);
    log.close();
    expect(lines).toHaveLength(25);
  });
});

/** Log lines: one event per line, whatever a file name or a value holds (logfmt quoting). */
import { describe, expect, it } from 'vitest';
import { createLogger, formatLine } from '../../src/bot/logger.js';

const FORGED = 'notes.txt\n2026-11-28T20:00:00.000Z ERROR token=leaked';

describe('log lines', () => {
  it('keeps a message holding a line break on one line, quoted', () => {
    const line = formatLine('warn', `skipped ${FORGED}: it has no text`);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain(
      'WARN  "skipped notes.txt\\n2026-11-28T20:00:00.000Z ERROR token=leaked: it has no text"',
    );
  });

  it('quotes and escapes field values, and leaves plain ones bare', () => {
    const line = formatLine('info', 'interaction', {
      id: '123',
      file: FORGED,
      title: 'evil\u202Etxt.exe',
      other: 'a\rb\u2028c\u0085d',
    });
    expect(line.split(/[\n\r\u2028\u0085]/)).toHaveLength(1);
    expect(line).toContain(' id=123 ');
    expect(line).toContain('file="notes.txt\\n2026');
    expect(line).toContain('title="evil\\u202etxt.exe"');
    expect(line).not.toMatch(/[\u202E\u2028\u0085\r]/);
  });

  it('writes one line per event', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l));
    log.warn(`skipped ${FORGED}`, { reason: 'x\ny' });
    log.info('documents loaded', { documents: 2 });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n').split('\n')).toHaveLength(2);
    expect(lines[1]).toMatch(/INFO {2}documents loaded documents=2$/);
  });
});

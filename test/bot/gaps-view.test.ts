import { describe, expect, it } from 'vitest';
import { gapsIds } from '../../commands/gaps.js';
import { GAPS_PAGE, gapsPages } from '../../src/bot/views/gaps.js';
import { render } from '../../src/bot/views/index.js';
import type { GapsReport } from '../../src/core/index.js';
import { assertWithinLimits, everyString } from '../e2e/limits.js';

const hostile = '@everyone <@123456789012345678> **bold** `code` [x](https://evil) \u202Eevil\u202C '.repeat(
  40,
);

const report = (n: number): GapsReport => ({
  days: 7,
  events: n * 3,
  needs: Array.from({ length: n }, (_, i) => ({
    question: `${hostile} ${i}`,
    also: [hostile, hostile, hostile],
    asked: 3,
    people: 2,
    missing: Array.from({ length: 8 }, () => hostile.slice(0, 80)),
    related: 1,
    last: i,
  })),
  answers: Array.from({ length: n }, (_, i) => ({
    question: `${hostile} ${i}`,
    source: `${hostile}.md`,
    paragraph: 3,
    down: 4,
    up: 1,
    reasons: Array.from({ length: 5 }, () => hostile.slice(0, 200)),
  })),
  documents: Array.from({ length: n }, () => ({ source: `${hostile}.md`, down: 2, up: 0 })),
});

describe('the /gaps view', () => {
  it('stays within Discord limits and pings nobody, on every page of a full report', () => {
    const r = report(100);
    const pages = gapsPages(r);
    expect(pages).toBe(
      Math.max(
        Math.ceil(100 / GAPS_PAGE.needs),
        Math.ceil(100 / GAPS_PAGE.answers),
        Math.ceil(100 / GAPS_PAGE.documents),
      ),
    );
    for (let page = 0; page < pages; page++) {
      const payload = render({ kind: 'gaps', report: r, page, skipped: 1 });
      assertWithinLimits(payload);
      for (const s of everyString(payload)) {
        expect(s).not.toMatch(/(?<!\u200B)@everyone|<@\d/);
        expect(s).not.toContain('\u202E');
      }
      expect(payload.allowedMentions).toEqual({ parse: [] });
    }
  });

  it('pages with Previous and Next that carry the period, and clamps a tampered page', () => {
    const r = report(20);
    const first = render({ kind: 'gaps', report: r, page: 0, skipped: 0 });
    const ids = first.components.flatMap((row) =>
      row.components.map((b) => ('custom_id' in b ? b.custom_id : '')),
    );
    expect(ids).toEqual([gapsIds.page(7, -1), gapsIds.page(7, 1)]);
    expect(gapsIds.parse(gapsIds.page(7, 1))).toEqual({ days: 7, page: 1 });
    expect(gapsIds.parse('gaps:page:99999:1')).toBeNull();
    const far = render({ kind: 'gaps', report: r, page: 999, skipped: 0 });
    expect(far.embeds[0]?.footer?.text).toBe(`Page ${gapsPages(r)} of ${gapsPages(r)}`);
  });

  it('says when there is nothing to report', () => {
    const empty = render({
      kind: 'gaps',
      report: { days: null, events: 0, needs: [], answers: [], documents: [] },
      page: 0,
      skipped: 0,
    });
    expect(empty.embeds[0]?.description).toContain('Nothing to report');
    expect(empty.components).toEqual([]);
  });
});

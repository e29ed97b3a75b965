import { describe, expect, it } from 'vitest';
import { gapsIds } from '../../commands/gaps.js';
import { GAPS_PAGE_FIELDS, gapsPages } from '../../src/bot/views/gaps.js';
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
    const pages = gapsPages(r).length;
    expect(pages).toBeGreaterThan(1);
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
    const pages = gapsPages(r).length;
    expect(far.embeds[0]?.footer?.text).toBe(`Page ${pages} of ${pages}`);
  });

  it('shows every row of a long report on some page: none is cut to fit 6,000 characters', () => {
    // Six needs with long questions and rephrasings, four answers with long reasons, eight
    // documents with long names: one page of rows before, over Discord's 6,000 characters.
    const long = (i: number) =>
      `How do I configure the reverse proxy for the staging cluster number ${i} ${'x'.repeat(90)}`;
    const r: GapsReport = {
      days: 7,
      events: 40,
      needs: Array.from({ length: 6 }, (_, i) => ({
        question: `need ${i}: ${long(i)}`,
        also: [long(i + 10), long(i + 20), long(i + 30)],
        asked: 4,
        people: 3,
        missing: ['proxy', 'staging'],
        related: 1,
        last: i,
      })),
      answers: Array.from({ length: 4 }, (_, i) => ({
        question: `answer ${i}: ${long(i)}`,
        source: `guides/networking/reverse-proxy-${i}.md`,
        paragraph: 2,
        down: 3,
        up: 0,
        reasons: Array.from(
          { length: 7 },
          (_, k) => `reason ${i}.${k}: ${'it cites the wrong passage '.repeat(7)}`,
        ),
      })),
      documents: Array.from({ length: 30 }, (_, i) => ({
        source: `guides/networking/a-rather-long-folder-name/document-${i}-${'n'.repeat(80)}.md`,
        down: 2,
        up: 1,
      })),
    };
    const pages = gapsPages(r).length;
    const shown: string[] = [];
    for (let page = 0; page < pages; page++) {
      const payload = render({ kind: 'gaps', report: r, page, skipped: 0 });
      assertWithinLimits(payload);
      const fields = payload.embeds[0]?.fields ?? [];
      expect(fields.length).toBeLessThanOrEqual(GAPS_PAGE_FIELDS);
      for (const f of fields) shown.push(f.name, f.value);
    }
    const text = shown.join('\n');
    for (let i = 0; i < 6; i++) expect(text).toContain(`need ${i}:`);
    for (let i = 0; i < 4; i++) {
      expect(text).toContain(`answer ${i}:`);
      // Reasons that do not fit whole are counted, not cut.
      expect(text).toMatch(new RegExp(`reason ${i}\\.0:[^]*(?:reason ${i}\\.6:|\\d+ more not shown)`));
    }
    for (let i = 0; i < 30; i++) expect(text).toContain(`document-${i}-`);
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

/** Discord's limits, checked from outside on what the bot actually sent. */
import { expect } from 'vitest';

/** Every string anywhere in a payload. */
export function everyString(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(everyString);
  if (value && typeof value === 'object') return Object.values(value).flatMap(everyString);
  return [];
}

/** A lone half of a surrogate pair (text cut in the middle of an emoji). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Unescaped `**` tokens in rendered markdown. */
export function boldCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '*' && text[i + 1] === '*') {
      n++;
      i++;
    }
  }
  return n;
}

/** The characters of an embed that count towards Discord's 6,000 per message. */
export function embedTextLength(e: Embed): number {
  return (
    (e.title ?? '').length +
    (e.description ?? '').length +
    (e.footer?.text ?? '').length +
    (e.author?.name ?? '').length +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}

/** Asserts a message payload (as sent to Discord, snake_case) is within every limit. */
export function assertWithinLimits(data: unknown): void {
  const d = (data ?? {}) as {
    content?: string;
    embeds?: Embed[];
    components?: { components: { label?: string; custom_id?: string }[] }[];
  };
  expect((d.content ?? '').length).toBeLessThanOrEqual(2000);
  const embeds = d.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(256);
    expect((e.description ?? '').length).toBeLessThanOrEqual(4096);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(2048);
    total += embedTextLength(e);
  }
  expect(total).toBeLessThanOrEqual(6000);
  const rows = d.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(5);
  for (const row of rows) {
    for (const c of row.components) {
      expect((c.label ?? '').length).toBeLessThanOrEqual(80);
      expect((c.custom_id ?? '').length).toBeLessThanOrEqual(100);
    }
  }
}

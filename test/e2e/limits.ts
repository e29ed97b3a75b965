/** Discord's limits, checked from outside on what the bot actually sent. */
import { expect } from 'vitest';

/** Every string anywhere in a payload. */
export function everyString(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(everyString);
  if (value && typeof value === 'object') return Object.values(value).flatMap(everyString);
  return [];
}

interface Embed {
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
    total +=
      (e.title ?? '').length +
      (e.description ?? '').length +
      (e.footer?.text ?? '').length +
      (e.author?.name ?? '').length +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
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

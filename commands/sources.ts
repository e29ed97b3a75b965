/** /sources [document] — every document with its counts, or one document in detail. */
import { SlashCommandBuilder } from 'discord.js';
import { type DocumentInfo, documentChoices } from '../src/core/index.js';
import type { Context, Outcome, SlashCommand } from './_contract.js';

/** The custom-id codec of /sources' buttons: `sources:page:<n>`. */
export const sourcesIds = {
  page: (n: number): string => `sources:page:${n}`,
  /** The page a custom id asks for (tampered values clamped by the view), or null. */
  parse(id: string): number | null {
    const [name, action, page] = id.split(':');
    if (name !== 'sources' || action !== 'page') return null;
    const n = Number(page);
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  },
};

/** File paths in the order a reader expects: `part-2.md` before `part-10.md`, case aside. */
const PATH_ORDER = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Each engine's documents in that order, sorted once (a reload makes a new engine). */
const listed = new WeakMap<object, readonly DocumentInfo[]>();

/** The list of documents, a page of it, each with its web address when known. */
export function listSources(ctx: Context, page = 0): Outcome {
  const engine = ctx.engine();
  let sorted = listed.get(engine);
  if (!sorted) {
    sorted = [...engine.documents].sort(
      (a, b) =>
        PATH_ORDER.compare(a.source, b.source) || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
    );
    listed.set(engine, sorted);
  }
  const documents = sorted.map((d) => {
    const url = engine.documentUrl(d);
    return url ? { ...d, url } : d;
  });
  return {
    view: { kind: 'sources', documents, page, passages: engine.passageCount },
    results: documents.length,
  };
}

/** One document: counts, opening paragraph and section headings. Throws CoreError when unknown. */
export function describeSource(ctx: Context, name: string): Outcome {
  const engine = ctx.engine();
  const found = engine.resolveSource(name);
  const url = engine.documentUrl(found);
  const document = url ? { ...found, url } : found;
  const own = engine.paragraphs.filter((p) => p.source === document.source);
  const headings = own.filter((p) => p.kind === 'heading').map((p) => p.text);
  const opening = own.find((p) => p.kind === 'text')?.text ?? '';
  return { view: { kind: 'source', document, headings, opening }, results: 1 };
}

const sources = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the documents I answer from')
    .addStringOption((o) =>
      o.setName('document').setDescription('Show one document in detail').setAutocomplete(true),
    ),

  execute(request, ctx) {
    const name = request.string('document')?.trim();
    return name ? describeSource(ctx, name) : listSources(ctx);
  },

  autocomplete(request, ctx) {
    return documentChoices(ctx.engine().documents, request.focused());
  },

  button(request, ctx) {
    const page = sourcesIds.parse(request.customId ?? '');
    if (page === null) {
      return {
        view: { kind: 'problem', message: 'That button is not known any more. Run /sources again.' },
        private: true,
      };
    }
    return { ...listSources(ctx, page), update: true };
  },
} satisfies SlashCommand;

export default sources;

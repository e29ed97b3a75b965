/** /sources [document] — every document with its counts, or one document in detail. */
import { SlashCommandBuilder } from 'discord.js';
import { type Context, matchDocuments, type Outcome, type SlashCommand } from './_shared.js';

/** The list of documents, a page of it. */
export function listSources(ctx: Context, page = 0): Outcome {
  const engine = ctx.engine();
  // Each document with its address, when the documents can be read on the web.
  const documents = engine.documents.map((d) => {
    const url = engine.documentUrl(d);
    return url ? { ...d, url } : d;
  });
  return {
    view: { kind: 'sources', documents, page, passages: engine.passageCount },
    ephemeral: false,
    results: engine.documents.length,
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
  return { view: { kind: 'source', document, headings, opening }, ephemeral: false, results: 1 };
}

const sources = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the documents I answer from')
    .addStringOption((o) =>
      o.setName('document').setDescription('Show one document in detail').setAutocomplete(true),
    ),

  execute(interaction, ctx) {
    const name = interaction.options.getString('document')?.trim();
    return name ? describeSource(ctx, name) : listSources(ctx);
  },

  autocomplete(interaction, ctx) {
    return matchDocuments(ctx.engine().documents, interaction.options.getFocused());
  },

  /** `sources:page:<n>` turns the page of the list. */
  button(_interaction, ctx, action, [page = '0']) {
    if (action !== 'page') {
      return {
        view: { kind: 'problem', message: 'That button is not known any more. Run /sources again.' },
        ephemeral: true,
      };
    }
    return { ...listSources(ctx, Math.max(0, Number.parseInt(page, 10) || 0)), update: true };
  },
} satisfies SlashCommand;

export default sources;

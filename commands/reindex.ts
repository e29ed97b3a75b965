/** /reindex — rebuild the index now (Manage Server only), and say what changed. */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { isCoreError } from '../src/core/index.js';
import type { SlashCommand } from './_contract.js';

const reindex = {
  kind: 'slash',
  private: true,
  // Rebuilding reads and indexes every document: acknowledged before it starts (a refusal is
  // quick and answered directly).
  defer: (request) => request.canManageGuild,
  data: new SlashCommandBuilder()
    .setName('reindex')
    .setDescription('Rebuild the index from the documents now (Manage Server)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),

  async execute(request, ctx, interim?) {
    // Hidden from members without Manage Server, and checked again here: the setting can be changed per server.
    if (!request.canManageGuild) {
      return { view: { kind: 'problem', message: 'Only members with Manage Server can rebuild the index.' } };
    }
    if (!ctx.reload) return { view: { kind: 'problem', message: 'Reindexing is not available here.' } };
    try {
      // The private reply says how far the rebuild is until the report replaces it.
      const report = await ctx.reload(`/reindex by ${request.userId}`, (progress) =>
        interim?.({ kind: 'reindexing', progress }),
      );
      return { view: { kind: 'reindex', report }, results: report.documents };
    } catch (error) {
      const why = isCoreError(error) ? error.reason : error instanceof Error ? error.message : String(error);
      return {
        view: {
          kind: 'problem',
          message: `The rebuild failed, so the previous documents are still served: ${why}`,
        },
      };
    }
  },
} satisfies SlashCommand;

export default reindex;

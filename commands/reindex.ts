/** /reindex — rebuild the index now (Manage Server only), and say what changed. */
import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { SlashCommand } from './_shared.js';

/** Hidden from members without Manage Server, and checked again here: the setting can be changed per server. */
const mayReindex = (interaction: Pick<ChatInputCommandInteraction, 'memberPermissions'>): boolean =>
  interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;

const reindex = {
  kind: 'slash',
  private: true,
  // Rebuilding reads and indexes every document: acknowledged before it starts (a refusal is
  // quick and answered directly).
  defer: mayReindex,
  data: new SlashCommandBuilder()
    .setName('reindex')
    .setDescription('Rebuild the index from the documents now (Manage Server)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction, ctx) {
    if (!mayReindex(interaction)) {
      return {
        view: { kind: 'problem', message: 'Only members with Manage Server can rebuild the index.' },
        ephemeral: true,
      };
    }
    if (!ctx.reload) {
      return { view: { kind: 'problem', message: 'Reindexing is not available here.' }, ephemeral: true };
    }
    try {
      const report = await ctx.reload(`/reindex by ${interaction.user.id}`);
      return { view: { kind: 'reindex', report }, ephemeral: true, results: report.documents };
    } catch (error) {
      const why = error instanceof Error ? error.message.replace(/^seedbot: /, '') : String(error);
      return {
        view: {
          kind: 'problem',
          message: `The rebuild failed, so the previous documents are still served: ${why}`,
        },
        ephemeral: true,
      };
    }
  },
} satisfies SlashCommand;

export default reindex;

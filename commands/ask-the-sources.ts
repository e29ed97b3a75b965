/** Message context menu "Ask the sources": the message's text is the question. */
import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { cutText } from '../src/core/index.js';
import type { MessageCommand } from './_shared.js';
import { answerQuestion, QUESTION_MAX } from './ask.js';

const askTheSources = {
  kind: 'message',
  data: new ContextMenuCommandBuilder().setName('Ask the sources').setType(ApplicationCommandType.Message),

  execute(interaction, ctx) {
    const text = interaction.targetMessage.content.trim();
    if (!text) {
      return {
        view: {
          kind: 'problem',
          message:
            'That message has no text to ask about (only attachments or embeds). Use /ask with your question.',
        },
        ephemeral: true,
      };
    }
    return answerQuestion(ctx, interaction.user.id, cutText(text, QUESTION_MAX));
  },
} satisfies MessageCommand;

export default askTheSources;

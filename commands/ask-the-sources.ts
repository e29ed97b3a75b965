/** Message context menu "Ask the sources": the message's text is the question. */
import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { cutText } from '../src/core/index.js';
import { type MessageCommand, NotUnderstood } from './_shared.js';
import { answerQuestion, QUESTION_MAX } from './ask.js';

const askTheSources = {
  kind: 'message',
  data: new ContextMenuCommandBuilder().setName('Ask the sources').setType(ApplicationCommandType.Message),

  execute(interaction, ctx) {
    // Discord always resolves the target message; without it the interaction is malformed.
    const target = interaction.targetMessage as typeof interaction.targetMessage | null;
    if (!target) throw new NotUnderstood('the message context menu came without its target message');
    const text = (target.content ?? '').trim();
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

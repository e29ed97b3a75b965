/** Message context menu "Ask the sources": the message's text is the question. */
import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { cutText } from '../src/core/index.js';
import { QUESTION_MAX } from './_ask-ids.js';
import { type MessageCommand, NotUnderstood } from './_contract.js';
import { answerQuestion } from './ask.js';

const askTheSources = {
  kind: 'message',
  data: new ContextMenuCommandBuilder().setName('Ask the sources').setType(ApplicationCommandType.Message),

  execute(request, ctx) {
    // Discord always resolves the target message; without it the request is malformed.
    if (!request.message) throw new NotUnderstood('the message context menu came without its target message');
    const text = request.message.content.trim();
    if (!text) {
      return {
        view: {
          kind: 'problem',
          message:
            'That message has no text to ask about (only attachments or embeds). Use /ask with your question.',
        },
        private: true,
      };
    }
    return answerQuestion(ctx, request.userId, cutText(text, QUESTION_MAX), { guildId: request.guildId });
  },
} satisfies MessageCommand;

export default askTheSources;

/** /ask question:<text> source:<document> private:<bool> — a direct answer with cited excerpts. */
import { SlashCommandBuilder } from 'discord.js';
import {
  type Context,
  MAX_RESULTS,
  matchDocuments,
  type Outcome,
  PAGE_SIZE,
  type RateLimiter,
  type SlashCommand,
} from './_shared.js';

/** Longest question Discord lets a user type into /ask. */
export const QUESTION_MAX = 300;

/** Answers a question for a user: the answer view, or the nothing-found view (only for them). */
export function answerQuestion(
  ctx: Context,
  userId: string,
  question: string,
  options: { source?: string; ephemeral?: boolean } = {},
): Outcome {
  const wait = ctx.limiter?.take(userId) ?? 0;
  if (wait > 0) {
    const limiter = ctx.limiter as RateLimiter;
    return {
      view: {
        kind: 'problem',
        message: `You are asking quickly: try again in ${Math.ceil(wait / 1000)} s (up to ${limiter.limit} questions every ${limiter.windowMs / 1000} s).`,
      },
      ephemeral: true,
    };
  }
  const engine = ctx.engine();
  const answer = engine.answer(question, {
    limit: MAX_RESULTS,
    ...(options.source ? { source: options.source } : {}),
  });
  if (answer.results.length === 0) {
    return {
      view: { kind: 'nothing', answer, suggestions: engine.suggest(answer.notFound) },
      ephemeral: true,
      results: 0,
    };
  }
  const session = ctx.sessions.create(userId, answer);
  return {
    view: { kind: 'answer', answer, offset: 0, session },
    ephemeral: options.ephemeral === true,
    results: answer.results.length,
  };
}

const EXPIRED: Outcome = {
  view: {
    kind: 'problem',
    message: 'These results have expired (buttons work for 10 minutes). Ask again with /ask.',
  },
  ephemeral: true,
};

const clamp = (offset: number, total: number) => Math.max(0, Math.min(offset, total - 1));

const NOT_YOURS: Outcome = {
  view: {
    kind: 'problem',
    message: 'Only the person who asked can use these buttons. Ask your own with /ask.',
  },
  ephemeral: true,
};

/** Another page of an answer, in place; only the user who asked may turn its pages. */
export function showPage(ctx: Context, userId: string, session: string, offset: number): Outcome {
  const s = ctx.sessions.get(session);
  if (!s) return EXPIRED;
  if (userId !== s.userId) return NOT_YOURS;
  return {
    view: { kind: 'answer', answer: s.answer, offset: clamp(offset, s.answer.results.length), session },
    ephemeral: false,
    update: true,
    results: s.answer.results.length,
  };
}

/** The full paragraphs of a page of an answer, privately, for the user who asked only. */
export function showParagraphs(ctx: Context, userId: string, session: string, offset: number): Outcome {
  const s = ctx.sessions.get(session);
  if (!s) return EXPIRED;
  if (userId !== s.userId) return NOT_YOURS;
  const from = clamp(offset, s.answer.results.length);
  const results = s.answer.results.slice(from, from + PAGE_SIZE);
  return {
    view: { kind: 'paragraphs', question: s.answer.question, results },
    ephemeral: true,
    results: results.length,
  };
}

const ask = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask the documents a question')
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription('What you want to know')
        .setRequired(true)
        .setMaxLength(QUESTION_MAX),
    )
    .addStringOption((o) => o.setName('source').setDescription('Only this document').setAutocomplete(true))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer')),

  execute(interaction, ctx) {
    const source = interaction.options.getString('source')?.trim();
    return answerQuestion(ctx, interaction.user.id, interaction.options.getString('question', true), {
      ...(source ? { source } : {}),
      ephemeral: interaction.options.getBoolean('private') === true,
    });
  },

  autocomplete(interaction, ctx) {
    return matchDocuments(ctx.engine().documents, interaction.options.getFocused());
  },

  /** `ask:more:<session>:<offset>` pages the results; `ask:para:<session>:<offset>` shows them in full. */
  button(interaction, ctx, action, [session = '', at = '0']) {
    const offset = Number.parseInt(at, 10) || 0;
    if (action === 'more') return showPage(ctx, interaction.user.id, session, offset);
    if (action === 'para') return showParagraphs(ctx, interaction.user.id, session, offset);
    return {
      view: { kind: 'problem', message: 'That button is not known any more. Ask again with /ask.' },
      ephemeral: true,
    };
  },
} satisfies SlashCommand;

export default ask;

/**
 * /ask question:<text> source:<document> private:<bool> — a direct answer with cited excerpts.
 *
 * Its buttons are stateless: a button's custom id carries who asked, the page, the document the
 * question was limited to and a tag of the documents; the question is read back from the
 * message the button is on, and asked again (ranking is deterministic). So buttons keep working
 * after a restart and on any process, and a private answer's buttons exist only for its asker.
 *
 * With the knowledge-gaps log on, a question left without a direct answer is recorded, and every
 * answer carries 👍 and 👎: anyone who sees it may vote (a later vote replaces an earlier one);
 * a 👎 opens a short form for an optional reason.
 */
import { SlashCommandBuilder } from 'discord.js';
import { cutText, documentChoices, type Engine } from '../src/core/index.js';
import {
  type AskButton,
  askIds,
  MAX_RESULTS,
  PAGE_SIZE,
  QUESTION_MAX,
  questionOf,
  REASON_FIELD,
  REASON_FORM,
  REASON_MAX,
  sourceKey,
} from './_ask-ids.js';
import type { Context, GapsLog, Outcome, Request, SlashCommand } from './_contract.js';

const problem = (message: string): Outcome => ({ view: { kind: 'problem', message }, private: true });

/** Answers a question for a user: the answer view, or the nothing-found view (only for them). */
export function answerQuestion(
  ctx: Context,
  userId: string,
  question: string,
  options: { source?: string; guildId?: string | null; private?: boolean } = {},
): Outcome {
  const wait = ctx.limit?.(userId) ?? 0;
  if (wait > 0) return problem(`You are asking quickly: try again in ${Math.ceil(wait / 1000)} s.`);
  const engine = ctx.engine();
  const source = options.source ? engine.resolveSource(options.source).source : undefined;
  const answer = engine.answer(question, { limit: MAX_RESULTS, ...(source ? { source } : {}) });
  // A question asked privately is the asker's alone: it is not recorded, and its answer has no
  // 👍 👎 (a vote records the question too), so moderators never read it in /gaps.
  const recorded = ctx.gaps && options.private !== true ? ctx.gaps : undefined;
  if (recorded && !answer.answer && answer.empty !== 'no-terms') {
    // A gap in the documents: recorded in the background (the store logs its own failures).
    recorded
      .record({
        type: 'unanswered',
        userId,
        guild: options.guildId ?? null,
        question: answer.question,
        need: answer.need,
        missing: answer.notFound,
        related: answer.results.length > 0,
      })
      .catch(() => {});
  }
  if (answer.results.length === 0) {
    return {
      view: { kind: 'nothing', answer, suggestions: engine.suggest(answer.notFound) },
      private: true,
      results: 0,
    };
  }
  return {
    view: {
      kind: 'answer',
      answer,
      offset: 0,
      asker: userId,
      tag: engine.tag,
      ...(source ? { source } : {}),
      ...(recorded ? { votes: true } : {}),
      ...(options.private ? { quiet: true } : {}),
    },
    results: answer.results.length,
  };
}

const notice = (message: string): Outcome => ({ view: { kind: 'notice', message }, private: true });

/** Why a vote cannot be tied to the passage its answer cited, said to the voter; none when it can. */
function voteProblem(
  ctx: Context,
  answerTag: string | null,
  sourceKeyOfAnswer: string | null,
): string | null {
  const engine = ctx.engine();
  if (sourceKeyOfAnswer && !documentFor(engine, sourceKeyOfAnswer))
    return 'The document this answer was limited to is gone, so the vote is not recorded. Ask again with /ask.';
  // Asked again now, the question could cite another passage than the one shown.
  if (answerTag !== null && engine.tag !== answerTag)
    return 'The documents changed since this answer, so the vote is not recorded. Ask again with /ask to vote on the new answer.';
  return null;
}

/**
 * Records a person's vote on the answer a message holds: its question, and the passage it cited
 * (the question asked again, limited to the answer's document if it was: the documents are the
 * ones it was given from, see voteProblem). False when the message's question cannot be read.
 */
async function recordVote(
  ctx: Context,
  gaps: GapsLog,
  request: Request,
  sourceKeyOfAnswer: string | null,
  vote: 'up' | 'down',
  reason?: string,
): Promise<boolean> {
  const question = questionOf(request.message);
  if (!question) return false;
  const source = documentFor(ctx.engine(), sourceKeyOfAnswer);
  // Asked as the answer shown was (the same limit: the direct answer may depend on it).
  const answer = ctx.engine().answer(question, { limit: MAX_RESULTS, ...(source ? { source } : {}) });
  const cited = answer.answer ?? answer.results[0];
  await gaps.record({
    type: 'vote',
    userId: request.userId,
    guild: request.guildId,
    message: request.message?.id ?? request.id,
    question,
    source: cited?.source ?? null,
    paragraph: cited?.paragraph ?? null,
    vote,
    ...(reason ? { reason } : {}),
  });
  return true;
}

/** The custom id of the reason form of a 👎 on an answer limited to a document (or not), and its documents' tag. */
const reasonFormId = (source: string | null, tag: string) => `${REASON_FORM}:${source ?? '-'}:${tag}`;

/** 👍 or 👎 on an answer: recorded once per person per answer (a later vote replaces it). */
async function vote(ctx: Context, request: Request, button: AskButton): Promise<Outcome> {
  const { gaps } = ctx;
  if (!gaps) return notice('Votes are not recorded here.');
  const up = button.action === 'up';
  const cannot = voteProblem(ctx, button.tag, button.source);
  if (cannot) return notice(cannot);
  if (!(await recordVote(ctx, gaps, request, button.source, up ? 'up' : 'down')))
    return problem('The question of this answer could not be read.');
  if (up) return notice('Thanks: your 👍 is counted.');
  return {
    view: { kind: 'notice', message: 'Thanks: your 👎 is counted.' },
    private: true,
    form: {
      customId: reasonFormId(button.source, button.tag),
      title: 'What was wrong with this answer?',
      field: {
        id: REASON_FIELD,
        label: 'What was wrong or missing? (optional)',
        placeholder: 'e.g. it is out of date, or it answers another question',
        maxLength: REASON_MAX,
        required: false,
      },
    },
  };
}

/** The reason form of a 👎: recorded with the vote (the latest vote and its reason count). */
async function reason(ctx: Context, request: Request): Promise<Outcome> {
  const [name, action, key, tag] = (request.customId ?? '').split(':');
  if (`${name}:${action}` !== REASON_FORM) return problem('That form is not known any more.');
  // The form allows REASON_MAX characters, counted by Discord in code points: up to twice as many
  // UTF-16 units are kept (a reason within the form's limit whole), cut at a word or a grapheme.
  const text = cutText((request.field(REASON_FIELD) ?? '').trim(), 2 * REASON_MAX);
  const { gaps } = ctx;
  if (!gaps) return notice('Votes are not recorded here.');
  if (!text) return notice('Thanks: your 👎 is counted.');
  const source = key && key !== '-' ? key : null;
  // The 👎 itself was counted when pressed; its reason goes with it only for the same documents.
  if (voteProblem(ctx, tag || null, source))
    return notice(
      'Thanks: your 👎 is counted. The documents changed meanwhile, so its reason is not recorded.',
    );
  if (!(await recordVote(ctx, gaps, request, source, 'down', text)))
    return notice('Thanks: your 👎 is counted (the answer could not be read for the reason).');
  return notice('Thanks: your 👎 and its reason are recorded.');
}

/** The document a button's source key stands for, in this engine (undefined when gone). */
function documentFor(engine: Engine, key: string | null): string | undefined {
  return key ? engine.documents.find((d) => sourceKey(d.source) === key)?.source : undefined;
}

/** A button of an answer: the question asked again, a page of it (or its passages), for its asker only. */
export function pressButton(ctx: Context, request: Request): Outcome {
  const button = askIds.parse(request.customId ?? '');
  if (!button) return problem('That button is not known any more. Ask again with /ask.');
  if (button.action === 'up' || button.action === 'down')
    return problem('That button is not known any more.');
  if (button.asker !== request.userId) {
    return problem('Only the person who asked can use these buttons. Ask your own with /ask.');
  }
  const question = questionOf(request.message);
  if (!question) return problem('The question of this answer could not be read. Ask again with /ask.');
  const engine = ctx.engine();
  const source = documentFor(engine, button.source);
  if (button.source && !source) {
    return problem('The document this answer was limited to is gone. Ask again with /ask.');
  }
  const answer = engine.answer(question, { limit: MAX_RESULTS, ...(source ? { source } : {}) });
  const changed = engine.tag !== button.tag;
  if (button.action === 'para') {
    const from = Math.min(button.offset, Math.max(0, answer.results.length - 1));
    const results = answer.results.slice(from, from + PAGE_SIZE);
    if (results.length === 0)
      return problem('The documents no longer hold these results. Ask again with /ask.');
    return {
      view: { kind: 'paragraphs', question, results, changed },
      private: true,
      results: results.length,
    };
  }
  if (answer.results.length === 0)
    return problem('The documents no longer answer this. Ask again with /ask.');
  return {
    view: {
      kind: 'answer',
      answer,
      offset: button.offset,
      asker: button.asker,
      tag: button.tag,
      changed,
      ...(source ? { source } : {}),
      // The message paged is the answer voted on: its 👍 👎 stay (a private answer has none).
      ...(ctx.gaps && !button.quiet ? { votes: true } : {}),
      ...(button.quiet ? { quiet: true } : {}),
    },
    update: true,
    results: answer.results.length,
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
    .addBooleanOption((o) =>
      o.setName('private').setDescription('Only you see the answer; the question is not recorded'),
    ),

  private: (request) => request.boolean('private') === true,

  execute(request, ctx) {
    const source = request.string('source')?.trim();
    return answerQuestion(ctx, request.userId, request.string('question', true), {
      guildId: request.guildId,
      ...(source ? { source } : {}),
      private: request.boolean('private') === true,
    });
  },

  autocomplete(request, ctx) {
    return documentChoices(ctx.engine().documents, request.focused());
  },

  button(request, ctx) {
    const button = askIds.parse(request.customId ?? '');
    return button && (button.action === 'up' || button.action === 'down')
      ? vote(ctx, request, button)
      : pressButton(ctx, request);
  },
  form: (request, ctx) => reason(ctx, request),
} satisfies SlashCommand;

export default ask;

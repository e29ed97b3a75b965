/**
 * /gaps days:<n> — the knowledge-gaps report (Manage Server only, private): the questions most
 * often left without a direct answer (rephrasings of one need counted together), the answers
 * voted down most with their reasons, and the documents whose passages were voted down most.
 * Paged with buttons whose custom id carries the period and the page.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Context, Outcome, Request, SlashCommand } from './_contract.js';

/** Longest period a report covers, in days (retention may keep less). */
export const MAX_DAYS = 3650;

/** The custom-id codec of /gaps' buttons: `gaps:page:<days|->:<n>`. */
export const gapsIds = {
  page: (days: number | null, n: number): string => `gaps:page:${days ?? '-'}:${n}`,
  /** The period and page a custom id asks for (a tampered page is clamped by the view), or null. */
  parse(id: string): { days: number | null; page: number } | null {
    const [name, action, days, page] = id.split(':');
    if (name !== 'gaps' || action !== 'page' || days === undefined) return null;
    const d = days === '-' ? null : Number(days);
    if (d !== null && !(Number.isInteger(d) && d >= 1 && d <= MAX_DAYS)) return null;
    const n = Number(page);
    return { days: d, page: Number.isSafeInteger(n) && n >= 0 ? n : 0 };
  },
};

const problem = (message: string): Outcome => ({ view: { kind: 'problem', message }, private: true });

/** The report, a page of it, for a member who may manage the server. */
export async function gapsPage(
  ctx: Context,
  request: Request,
  days: number | null,
  page: number,
  update = false,
): Promise<Outcome> {
  // Hidden from members without Manage Server, and checked again here (the setting is per server).
  if (!request.canManageGuild) return problem('Only members with Manage Server can see the knowledge gaps.');
  if (!ctx.gaps) return problem('The knowledge-gaps log is off (GAPS=off), so there is nothing to report.');
  if (!request.guildId) return problem('The knowledge gaps are a server’s: run /gaps in the server.');
  // This server's questions and votes only.
  const { report, skipped } = await ctx.gaps.report(days, request.guildId);
  return {
    view: { kind: 'gaps', report, page, skipped },
    private: true,
    ...(update ? { update: true } : {}),
    results: report.needs.length,
  };
}

const gaps = {
  kind: 'slash',
  private: true,
  // Reading the log takes a while when it is large: acknowledged first (a refusal is quick).
  defer: (request) => request.canManageGuild,
  data: new SlashCommandBuilder()
    .setName('gaps')
    .setDescription(
      'What members asked that the documents do not answer, and answers voted down (Manage Server)',
    )
    .addIntegerOption((o) =>
      o.setName('days').setDescription('Only the last this many days').setMinValue(1).setMaxValue(MAX_DAYS),
    )
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),

  execute(request, ctx) {
    return gapsPage(ctx, request, request.integer('days'), 0);
  },

  button(request, ctx) {
    const ids = gapsIds.parse(request.customId ?? '');
    if (!ids) return problem('That button is not known any more. Run /gaps again.');
    return gapsPage(ctx, request, ids.days, ids.page, true);
  },
} satisfies SlashCommand;

export default gaps;

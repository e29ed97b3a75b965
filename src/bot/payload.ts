/**
 * A reply as Discord takes it, and the final guard every reply goes through (`fitPayload`): no
 * other module has to trust its own counting. Privacy is not part of a payload: the router
 * applies it (as the command and its outcome say), not the views.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  embedLength,
  TextInputStyle,
} from 'discord.js';
import { stripControls } from './text/clean.js';
import { cutText } from './text/cut.js';
import { neutralise, ZWSP } from './text/escape.js';
import { cutRendered } from './text/highlight.js';

/** Discord's limits, in UTF-16 code units (never fewer than Discord's own count of characters). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  authorName: 256,
  /** All the text of all the embeds of a message together. */
  embedTotal: 6000,
  url: 2048,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  modalTitle: 45,
  textInputLabel: 45,
  textInputPlaceholder: 100,
  textInputValue: 4000,
} as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: { parse: [] };
}

/** A button with a custom id (primary for the main action); `emoji` shows an emoji before (or as) the label. */
export function button(
  label: string,
  customId: string,
  options: { disabled?: boolean; primary?: boolean; emoji?: string } = {},
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: options.primary ? ButtonStyle.Primary : ButtonStyle.Secondary,
    ...(label ? { label } : {}),
    ...(options.emoji ? { emoji: { name: options.emoji } } : {}),
    custom_id: customId,
    disabled: options.disabled === true,
  };
}

/** A form (Discord's modal) with one text field, as the interaction callback takes it. */
export interface FormPayload {
  custom_id: string;
  title: string;
  components: [
    {
      type: ComponentType.ActionRow;
      components: [
        {
          type: ComponentType.TextInput;
          custom_id: string;
          label: string;
          style: TextInputStyle.Paragraph;
          max_length: number;
          required: boolean;
          placeholder?: string;
        },
      ];
    },
  ];
}

/** A form within Discord's limits (title and label 45, placeholder 100, value 4000). */
export function formPayload(form: {
  customId: string;
  title: string;
  field: { id: string; label: string; placeholder?: string; maxLength: number; required: boolean };
}): FormPayload {
  const { field } = form;
  return {
    custom_id: cutText(form.customId, LIMITS.customId),
    title: cutText(stripControls(form.title), LIMITS.modalTitle) || 'Form',
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: cutText(field.id, LIMITS.customId),
            label: cutText(stripControls(field.label), LIMITS.textInputLabel) || 'Text',
            style: TextInputStyle.Paragraph,
            max_length: Math.max(1, Math.min(LIMITS.textInputValue, Math.floor(field.maxLength))),
            required: field.required,
            ...(field.placeholder
              ? { placeholder: cutText(stripControls(field.placeholder), LIMITS.textInputPlaceholder) }
              : {}),
          },
        ],
      },
    ],
  };
}

export const row = (...components: APIButtonComponent[]): ButtonRow => ({
  type: ComponentType.ActionRow,
  components,
});

/** A payload of embeds and buttons that pings no one (not yet fitted: see fitPayload). */
export const payloadOf = (embeds: APIEmbed[], components: ButtonRow[] = []): ReplyPayload => ({
  embeds,
  components,
  allowedMentions: { parse: [] },
});

/** What a well-formed URL may not hold as it is: spaces, controls, quotes, and the parentheses that end a masked link. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it encodes
const URL_UNSAFE = /[\u0000-\u0020"<>\\^`{|}()\u007f]/g;

const percent = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * The URL as Discord takes it, or undefined if it is no http(s) address or too long: well formed
 * (percent-encoded as a browser sends it, parentheses and backslashes too), or when that is too
 * long (a long path in another script triples in length), as written with only what it may not
 * hold as it is encoded (a space, a quote, a parenthesis, a backslash).
 */
export function httpUrl(url: string | undefined): string | undefined {
  if (!url || url.length > LIMITS.url || !/^https?:\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    // Parentheses and a backslash (kept as written in a query or a fragment) would end or
    // escape a masked link's closing parenthesis; the characters a well-formed URI may not
    // hold (RFC 3986) that the URL parser keeps in a query or a fragment are encoded too, as
    // Discord checks that an address is one.
    const href = parsed.href.replace(/[()\\`{}|^]/g, percent);
    if (href.length <= LIMITS.url) return href;
    const safe = url.replace(URL_UNSAFE, percent);
    return safe.length <= LIMITS.url ? safe : undefined;
  } catch {
    return undefined;
  }
}

/** The last pass over any text of a payload: no control or bidirectional character, no live mention. */
const safe = (text: string) => neutralise(stripControls(text));

/** Markdown text (titles, descriptions, fields) cut with its escapes and bold marks whole. */
const fitMarkdown = (text: string, max: number) => cutRendered(safe(text), max);
/** Plain text (footers, author names: Discord shows no markdown there) cut between graphemes. */
const fitPlain = (text: string, max: number) => neutralise(cutText(safe(text), max));

function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = fitMarkdown(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = fitMarkdown(out.description, LIMITS.embedDescription);
  if (out.description === '') delete out.description;
  if (out.url !== undefined) {
    const url = httpUrl(out.url);
    if (url) out.url = url;
    else delete out.url;
  }
  if (out.footer) out.footer = { ...out.footer, text: fitPlain(out.footer.text, LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: fitPlain(out.author.name, LIMITS.authorName) || ZWSP };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.fields).map((f) => ({
      ...f,
      name: fitMarkdown(f.name, LIMITS.fieldName) || ZWSP,
      value: fitMarkdown(f.value, LIMITS.fieldValue) || ZWSP,
    }));
  }
  return out;
}

function fitButton(b: APIButtonComponent): APIButtonComponent {
  const out = { ...b };
  if ('label' in out && typeof out.label === 'string') {
    out.label = cutText(safe(out.label), LIMITS.buttonLabel) || '…';
  }
  // A custom id cut short would name another button: it is cut and the button disabled.
  if ('custom_id' in out && out.custom_id.length > LIMITS.customId) {
    out.custom_id = out.custom_id.slice(0, LIMITS.customId);
    out.disabled = true;
  }
  return out;
}

/** Brings the embeds within 6,000 characters together: fields go first, then descriptions… */
function fitTotal(embeds: APIEmbed[]): void {
  let excess = embeds.reduce((n, e) => n + embedLength(e), 0) - LIMITS.embedTotal;
  // Fields from the end.
  for (let i = embeds.length - 1; i >= 0 && excess > 0; i--) {
    const fields = embeds[i]?.fields;
    while (fields?.length && excess > 0) {
      const f = fields.pop() as APIEmbedField;
      excess -= f.name.length + f.value.length;
    }
  }
  // Then descriptions, longest first.
  const byLength = [...embeds].sort((a, b) => (b.description?.length ?? 0) - (a.description?.length ?? 0));
  for (const e of byLength) {
    if (excess <= 0) break;
    if (!e.description) continue;
    const before = e.description.length;
    e.description = cutRendered(e.description, Math.max(0, before - excess));
    if (!e.description) delete e.description;
    excess -= before - (e.description?.length ?? 0);
  }
  // Then titles, footers and authors.
  for (const e of embeds) {
    if (excess <= 0) break;
    if (e.title) {
      const before = e.title.length;
      e.title = cutRendered(e.title, Math.max(1, before - excess));
      excess -= before - e.title.length;
    }
    if (excess > 0 && e.footer) {
      excess -= e.footer.text.length;
      delete e.footer;
    }
    if (excess > 0 && e.author) {
      excess -= e.author.name.length;
      delete e.author;
    }
  }
  // At last whole embeds, from the end.
  while (excess > 0 && embeds.length > 1) excess -= embedLength(embeds.pop() as APIEmbed);
}

/**
 * The final guard every payload goes through: content within 2,000, at most 10 embeds, each part
 * of an embed within its limit and all embeds together within 6,000 (fields dropped from the end,
 * then descriptions cut, longest first), at most 25 fields, 5 rows of 5 buttons, labels within 80,
 * custom ids within 100; control and bidirectional characters removed and mentions neutralised
 * everywhere, and allowedMentions parse [].
 */
export function fitPayload(payload: ReplyPayload): ReplyPayload {
  const out = payloadOf(
    payload.embeds.slice(0, LIMITS.embeds).map(fitEmbed),
    payload.components.slice(0, LIMITS.actionRows).map((r) => ({
      ...r,
      components: r.components.slice(0, LIMITS.buttonsPerRow).map(fitButton),
    })),
  );
  if (payload.content) {
    const content = fitMarkdown(payload.content, LIMITS.content);
    if (content) out.content = content;
  }
  fitTotal(out.embeds);
  return out;
}

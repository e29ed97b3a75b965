/**
 * What a setting's value may hide: the bot token, pasted into the wrong setting or written
 * wrongly. Messages about settings never quote a value that may be one.
 */

/** Shaped like a bot token: three runs of key characters joined by dots. */
const TOKEN_SHAPED = /[\w-]{16,}\.[\w-]{4,}\.[\w-]{16,}/;

/** Whether a value holds the token itself. */
export function holdsToken(value: string, token: string | undefined): boolean {
  return token !== undefined && token.length >= 8 && value.includes(token);
}

/**
 * Whether a setting printed in messages or replies (a folder, a web address) holds the bot's
 * token, or one shaped like it (see tokenInPath): such a value is refused, never shown.
 */
export function holdsBotToken(value: string, token: string | undefined): boolean {
  return holdsToken(value, token) || tokenInPath(value);
}

/**
 * Whether a folder setting holds a bot token: its shape (24 or so characters, 6, then 27 or
 * more) with upper-case letters and digits in it, as a token has and a folder's name seldom does
 * (`fileserver-production.corp.knowledge-base-export` is a folder).
 */
export function tokenInPath(value: string): boolean {
  const m = /[\w-]{20,}\.[\w-]{6}\.[\w-]{27,}/.exec(value)?.[0];
  return m !== undefined && /[A-Z]/.test(m) && /\d/.test(m);
}

/**
 * What is wrong with a bot token as written, said without its value: quotes around it (a
 * Docker env file passes them on), Discord's `Bot ` prefix, characters a token never has, or
 * not three parts separated by dots. Undefined when it looks right.
 */
export function botTokenProblem(token: string): string | undefined {
  if (/^(["']).*\1$/s.test(token))
    return 'is in quotes that are part of its value (a Docker env file keeps them): remove the quotes';
  if (/^bot\s/i.test(token)) return 'starts with "Bot ": remove that word, the bot adds it itself';
  if (/\s/.test(token))
    return 'has spaces or line breaks in it: copy it again from the Bot page of your application';
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token))
    return token.split('.').length !== 3
      ? 'does not look like a bot token (three parts separated by dots): copy it again from the Bot page of your application'
      : 'has characters a bot token never has (only letters, digits, - and _ between its dots): copy it again from the Bot page of your application';
  return undefined;
}

/**
 * A wrong value as a message quotes it back, unless it may be a secret pasted into the wrong
 * setting: the token, something shaped like one, or a long run of key characters.
 */
export function quoteSetting(value: string, token: string | undefined): string {
  return looksSecret(value, token)
    ? `a value of ${value.length} characters that looks like a token or a key (not shown)`
    : `"${value}"`;
}

/** Whether a value may be a secret: the token, something shaped like one, or a long run of key characters. */
export function looksSecret(value: string, token: string | undefined): boolean {
  return holdsToken(value, token) || TOKEN_SHAPED.test(value) || /[A-Za-z0-9_-]{32,}/.test(value);
}

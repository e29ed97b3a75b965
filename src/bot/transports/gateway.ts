/**
 * The gateway transport: a discord.js client (intent Guilds only) whose interactions go to the
 * router as Incoming, everything logged, nothing fatal. `stop()` closes it cleanly.
 */
import {
  type APIEmbed,
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  type CommandInteractionOption,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  Options,
  PermissionFlagsBits,
} from 'discord.js';
import { type Command, type Context, type MessageSeen, NotUnderstood } from '../../../commands/_contract.js';
import type { Config } from '../config.js';
import { describe, type Logger } from '../logger.js';
import type { ReplyPayload } from '../payload.js';
import { createRouter } from '../router.js';
import { cachedNames, type MentionNames, namedMentions } from '../text/mentions.js';
import type { Incoming } from '../transport.js';

export interface Bot {
  client: Client;
  /** Resolves when the client is ready (logged in, guilds received). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface BotOptions {
  config: Config & { token: string };
  commands: ReadonlyMap<string, Command>;
  ctx: Context;
  logger: Logger;
  /** Extra client options (tests: the gateway identify throttle). */
  clientOptions?: Partial<ConstructorParameters<typeof Client>[0]>;
  /**
   * Discord closed the gateway with a code discord.js does not reconnect after (4004: the token
   * was reset; 4011: sharding is now required…): the bot can answer nothing any more.
   */
  onLost?: (code: number) => void;
}

/**
 * Warns when Discord holds none of the bot's commands (globally, nor for DISCORD_GUILD_ID, nor,
 * without it, for the first few servers the bot is in): nobody can use it until `npm run
 * deploy`; and when the bot is in no server (unsharded: a shard sees only its own servers). A
 * failing check says nothing more than a debug line: it is only a hint.
 */
async function firstRunHints(c: Client<true>, guildId: string | undefined, logger: Logger): Promise<void> {
  if (!c.shard && c.guilds.cache.size === 0)
    logger.warn('the bot is in no server yet: invite it with the link in README step 4');
  try {
    let registered = (await c.application.commands.fetch()).size;
    const servers = guildId ? [guildId] : [...c.guilds.cache.keys()].slice(0, FIRST_RUN_SERVERS);
    for (const id of servers) {
      if (registered > 0) break;
      registered += (await c.application.commands.fetch({ guildId: id })).size;
    }
    if (registered === 0)
      logger.warn(
        `no commands are registered with Discord for this application${guildId ? ` (globally or for server ${guildId})` : ''}: run npm run deploy`,
      );
  } catch (error) {
    logger.debug('could not check the registered commands', { error: describe(error) });
  }
}

/** How long stop() waits for the interactions under way (the process's own hard stop is at 4 s). */
export const STOP_WAIT_MS = 3000;

/** Servers whose own commands the first-run check looks at, at most (one request each). */
const FIRST_RUN_SERVERS = 3;

export async function startBot({
  config,
  commands,
  ctx,
  logger,
  clientOptions,
  onLost,
}: BotOptions): Promise<Bot> {
  let stopping = false;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Every member who asks is cached by discord.js; months of new members must not grow memory.
    // Nor the messages buttons are pressed on (200 per channel by default, ~4.5 KB each): the
    // bot reads each from its interaction, never from the cache.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      UserManager: { maxSize: 1000, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 100, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    ...clientOptions,
  });
  const router = createRouter({ commands, ctx, logger });
  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      logger.info('connected to Discord', {
        user: c.user.tag,
        guilds: c.guilds.cache.size,
        loaded: commands.size,
      });
      resolve();
      // The commonest "the bot does nothing" of a first run, said (by one shard: the first).
      if (!c.shard || c.shard.ids.includes(0)) void firstRunHints(c, config.guildId, logger);
    });
  });
  /** Interactions being handled: stop() lets them finish (their edits and follow-ups included). */
  const inflight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const incoming = fromInteraction(interaction);
    if (!incoming) return;
    const handling = router.handle(incoming).catch((error: unknown) => {
      logger.error('interaction handler failed', { id: interaction.id, error: describe(error) });
    });
    inflight.add(handling);
    void handling.finally(() => inflight.delete(handling));
  });
  client.on(Events.Error, (error) => logger.error('client error', { error: describe(error) }));
  client.on(Events.Warn, (message) => logger.warn('client warning', { message }));
  // discord.js emits this only once it has given up on the connection (it reconnects otherwise).
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (stopping) return;
    logger.error('the gateway closed for good', { shard, code: event.code });
    onLost?.(event.code);
  });
  client.on(Events.ShardResume, (shard, replayed) => logger.info('gateway resumed', { shard, replayed }));
  // (Not when the bot itself closes the connection to stop: that is no reconnection.)
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) logger.info('gateway reconnecting', { shard });
  });
  await client.login(config.token);
  return {
    client,
    ready,
    async stop() {
      stopping = true;
      // An answer under way (a deferred /reindex, a slow /ask) is finished first, for at most
      // STOP_WAIT_MS: the user gets it instead of "thinking…" until Discord gives up.
      if (inflight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...inflight]),
          new Promise((resolve) => {
            timer = setTimeout(resolve, STOP_WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
      }
      await client.destroy();
    },
  };
}

type Handled =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | AutocompleteInteraction
  | ModalSubmitInteraction;

/** A discord.js interaction as an Incoming, or null for kinds the bot does not handle. */
export function fromInteraction(interaction: Interaction): Incoming | null {
  if (interaction.isAutocomplete()) return adapt(interaction, 'autocomplete', interaction.commandName);
  if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand())
    return adapt(interaction, 'command', interaction.commandName);
  if (interaction.isButton()) return adapt(interaction, 'button', interaction.customId.split(':')[0] ?? '');
  if (interaction.isModalSubmit())
    return adapt(interaction, 'form', interaction.customId.split(':')[0] ?? '');
  return null;
}

const flags = (privately: boolean) => (privately ? { flags: MessageFlags.Ephemeral as const } : {});

function seen(message: Message | null | undefined, names?: MentionNames): MessageSeen | null {
  if (!message) return null;
  // A forwarded message has no text of its own: its text is the snapshot's.
  const content = message.content || (message.messageSnapshots?.first()?.content ?? '');
  return {
    id: message.id,
    content: names ? namedMentions(content, names) : content,
    embeds: message.embeds.map((e) => e.toJSON() as APIEmbed),
  };
}

function adapt(interaction: Handled, kind: Incoming['kind'], command: string): Incoming {
  const data: readonly CommandInteractionOption[] = 'options' in interaction ? interaction.options.data : [];
  /** An option's value, checked against the type Discord always sends for it. */
  const option = (name: string, type: ApplicationCommandOptionType) => {
    const o = data.find((d) => d.name === name);
    if (!o) return undefined;
    if (o.type !== type) throw new NotUnderstood(`option ${name} came as type ${o.type}, not ${type}`);
    return o.value;
  };
  // Role and channel mentions in what a member typed, by the names the server gives them.
  const names = cachedNames(interaction.guild);
  let message: MessageSeen | null = null;
  if (interaction.isButton()) message = seen(interaction.message);
  else if (interaction.isModalSubmit()) message = seen(interaction.message);
  else if (interaction.isMessageContextMenuCommand()) {
    try {
      message = seen(interaction.targetMessage, names);
    } catch {
      message = null;
    }
  }
  const incoming: Incoming = {
    kind,
    command,
    id: interaction.id,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true,
    createdAt: interaction.createdTimestamp,
    customId: interaction.isButton() || interaction.isModalSubmit() ? interaction.customId : null,
    field(id) {
      if (!interaction.isModalSubmit()) return null;
      try {
        return interaction.fields.getTextInputValue(id);
      } catch {
        return null;
      }
    },
    message,
    string: ((name: string, required?: boolean) => {
      const v = option(name, ApplicationCommandOptionType.String);
      if (v === undefined && required) throw new NotUnderstood(`required option ${name} is missing`);
      return typeof v === 'string' ? namedMentions(v, names) : null;
    }) as Incoming['string'],
    boolean(name) {
      const v = option(name, ApplicationCommandOptionType.Boolean);
      return typeof v === 'boolean' ? v : null;
    },
    integer(name) {
      const v = option(name, ApplicationCommandOptionType.Integer);
      return typeof v === 'number' ? v : null;
    },
    focused() {
      const f = data.find((d) => d.focused);
      if (!f) throw new NotUnderstood('autocomplete without a focused option');
      return String(f.value ?? '');
    },
    get acknowledged() {
      return interaction.isAutocomplete()
        ? interaction.responded
        : interaction.replied || interaction.deferred;
    },
    get deferred() {
      return !interaction.isAutocomplete() && interaction.deferred;
    },
    async reply(payload: ReplyPayload, privately: boolean) {
      if (interaction.isAutocomplete()) return;
      await interaction.reply({ ...payload, ...flags(privately) });
    },
    async defer(privately: boolean) {
      if (
        interaction.isChatInputCommand() ||
        interaction.isMessageContextMenuCommand() ||
        interaction.isModalSubmit()
      )
        await interaction.deferReply(flags(privately));
    },
    async deferUpdate() {
      if (interaction.isButton()) await interaction.deferUpdate();
    },
    async update(payload: ReplyPayload) {
      if (interaction.isButton()) await interaction.update(payload);
    },
    async edit(payload: ReplyPayload) {
      if (!interaction.isAutocomplete()) await interaction.editReply(payload);
    },
    async followUp(payload: ReplyPayload, privately: boolean) {
      if (!interaction.isAutocomplete()) await interaction.followUp({ ...payload, ...flags(privately) });
    },
    async deleteReply() {
      if (!interaction.isAutocomplete()) await interaction.deleteReply();
    },
    async choices(choices) {
      if (interaction.isAutocomplete()) await interaction.respond(choices);
    },
    async showForm(form) {
      if (interaction.isButton()) await interaction.showModal(form);
    },
  };
  return incoming;
}

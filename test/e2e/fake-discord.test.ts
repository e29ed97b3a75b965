import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  autocomplete,
  button,
  CallbackType,
  chatInput,
  type FakeDiscord,
  faults,
  isObject,
  messageContext,
  routes,
  startFakeDiscord,
} from './fake-discord.js';

let fake: FakeDiscord;
let client: Client;

async function onInteraction(interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName === 'ping') {
      const embed = new EmbedBuilder()
        .setTitle('Pong')
        .setDescription(`You said ${interaction.options.getString('text')}`);
      await interaction.reply({ embeds: [embed], allowedMentions: { parse: [] } });
    } else if (interaction.commandName === 'slow') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: 'done', embeds: [new EmbedBuilder().setTitle('Result')] });
      await interaction.followUp({ content: 'and a follow-up', allowedMentions: { parse: [] } });
    } else if (interaction.commandName === 'vote') {
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('vote:yes').setLabel('Yes').setStyle(ButtonStyle.Success),
      );
      await interaction.reply({ content: 'Vote?', components: [row] });
    }
  } else if (interaction.isButton() && interaction.customId === 'vote:yes') {
    await interaction.update({ content: `Voted yes (was: ${interaction.message.content})`, components: [] });
  } else if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused();
    await interaction.respond([{ name: `${focused}-suggestion`, value: `${focused}-value` }]);
  } else if (interaction.isMessageContextMenuCommand()) {
    await interaction.reply({
      content: `Target: ${interaction.targetMessage.content}`,
      flags: MessageFlags.Ephemeral,
    });
  }
}

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    onInteraction(interaction).catch((error: unknown) => console.error('handler failed', error));
  });
  const ready = once(client, Events.ClientReady);
  await client.login('fake.bot.token');
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('fake Discord', () => {
  it('lets the real client log in with the requested intents', () => {
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
    expect(fake.gateway.identifies[0]?.token).toBe('fake.bot.token');
    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.guilds.cache.get(fake.guild.id)?.channels.cache.has(fake.channel.id)).toBe(true);
    expect(fake.requestsMatching(routes.gatewayBot)).toHaveLength(1);
    expect(fake.unknownRequests()).toEqual([]);
  });

  it('records a chat-input reply with embed and allowed_mentions', async () => {
    const sent = fake.sendInteraction(chatInput('ping', { text: 'hello' }));
    const callback = await sent.waitForCallback();
    expect(callback.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(callback.data?.embeds).toEqual([{ title: 'Pong', description: 'You said hello' }]);
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
    expect(callback.request.query.with_response).toBe('false');
    expect(sent.original()?.embeds).toEqual([{ type: 'rich', title: 'Pong', description: 'You said hello' }]);
  });

  it('supports deferReply + editReply + followUp', async () => {
    const sent = fake.sendInteraction(chatInput('slow'));
    const callback = await sent.waitForCallback();
    expect(callback.type).toBe(CallbackType.DeferredChannelMessageWithSource);
    expect(callback.data?.flags).toBe(MessageFlags.Ephemeral);
    await sent.waitForOutput((o) => o.kind === 'followup');
    expect(sent.outputs().map((o) => o.kind)).toEqual(['callback', 'edit', 'followup']);
    expect(sent.messageBodies()[1]).toMatchObject({ content: 'done', embeds: [{ title: 'Result' }] });
    const original = sent.original();
    expect(original?.content).toBe('done');
    expect(original?.flags).toBe(MessageFlags.Ephemeral); // loading flag cleared by the edit
    expect(sent.followUps().map((m) => m.content)).toEqual(['and a follow-up']);
  });

  it('answers a button click with update', async () => {
    const sent = fake.sendInteraction(button('vote:yes', { content: 'Vote?' }));
    const callback = await sent.waitForCallback();
    expect(callback.type).toBe(CallbackType.UpdateMessage);
    expect(callback.data).toMatchObject({ content: 'Voted yes (was: Vote?)', components: [] });
    expect(sent.original()?.id).toBe(isObject(sent.payload.message) ? sent.payload.message.id : undefined);
  });

  it('builds autocomplete and message context interactions', async () => {
    const auto = fake.sendInteraction(autocomplete('ask', { name: 'topic', value: 'doc' }));
    expect((await auto.waitForCallback()).data).toEqual({
      choices: [{ name: 'doc-suggestion', value: 'doc-value' }],
    });
    const ctx = fake.sendInteraction(messageContext('Explain', { content: 'what is this?' }));
    const callback = await ctx.waitForCallback();
    expect(callback.data).toMatchObject({ content: 'Target: what is this?', flags: MessageFlags.Ephemeral });
  });

  it('retries a rate-limited callback (fault injection)', async () => {
    const fault = fake.failNext(routes.callback, faults.rateLimited(0.1));
    const sent = fake.sendInteraction(chatInput('ping', { text: 'again' }));
    await sent.waitForCallback();
    expect(fault.hits).toHaveLength(1);
    expect(sent.callbackAttempts().map((r) => r.response?.status)).toEqual([429, 204]);
  });

  it('survives an abnormal gateway close by resuming', async () => {
    fake.gateway.terminate();
    await fake.gateway.waitForResume(1, 5_000);
    await fake.gateway.waitForConnected();
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.connections.at(-1)?.url).toMatch(/^\/resume\?v=10&encoding=json/);
    const sent = fake.sendInteraction(chatInput('ping', { text: 'after resume' }));
    expect((await sent.waitForCallback()).type).toBe(CallbackType.ChannelMessageWithSource);
  });
});

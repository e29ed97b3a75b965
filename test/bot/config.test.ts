import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/bot/config.js';
import { createLogger, formatLine } from '../../src/bot/logger.js';

describe('loadConfig', () => {
  it('has defaults for everything but the Discord settings', () => {
    expect(loadConfig({})).toEqual({
      seedsDir: './seeds',
      cacheDir: '.cache',
      logLevel: 'info',
      askRateLimit: 5,
      dataDir: '.data',
      gaps: true,
      gapsRetentionDays: 90,
    });
  });

  it('refuses a DISCORD_API_URL holding a user name and password, without printing them', () => {
    let message = '';
    try {
      loadConfig({ DISCORD_API_URL: 'http://proxyuser:S3cretProxyPass@127.0.0.1:1/api' });
    } catch (error) {
      message = (error as ConfigError).message;
    }
    // Before, it was taken, and a failed npm run deploy printed the whole address.
    expect(message).toContain('DISCORD_API_URL must not hold a user name or password');
    expect(message).not.toContain('S3cretProxyPass');
  });

  it('reads every setting', () => {
    const c = loadConfig({
      DISCORD_TOKEN: 'MTIz.abc.def',
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      SEEDS_DIR: ' docs ',
      LOG_LEVEL: 'DEBUG',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
    });
    expect(c).toEqual({
      token: 'MTIz.abc.def',
      clientId: '123456789012345678',
      guildId: '223456789012345678',
      seedsDir: 'docs',
      cacheDir: '.cache',
      logLevel: 'debug',
      askRateLimit: 5,
      dataDir: '.data',
      gaps: true,
      gapsRetentionDays: 90,
      apiUrl: 'http://127.0.0.1:8080/api',
    });
  });

  it('reports every problem at once, each naming its variable, never echoing the token', () => {
    let error: unknown;
    try {
      loadConfig({
        DISCORD_TOKEN: 'secret token with spaces',
        DISCORD_CLIENT_ID: 'abc',
        DISCORD_GUILD_ID: '12',
        LOG_LEVEL: 'loud',
        DISCORD_API_URL: 'ftp://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.problems).toHaveLength(5);
    for (const name of [
      'DISCORD_TOKEN',
      'DISCORD_CLIENT_ID',
      'DISCORD_GUILD_ID',
      'LOG_LEVEL',
      'DISCORD_API_URL',
    ]) {
      expect(e.message).toContain(name);
    }
    expect(e.message).not.toContain('secret token');
    expect(e.message).toMatch(/^seedbot: /);
  });

  it('says what is wrong with a token as written: quotes, a Bot prefix, characters no token has', () => {
    const part = 'MTIzNDU2Nzg5MDEyMzQ1Njc4';
    const token = `${part}.GabcDe.${'x'.repeat(38)}`;
    const problem = (value: string) => {
      try {
        loadConfig({ DISCORD_TOKEN: value });
        return '';
      } catch (e) {
        const message = (e as ConfigError).message;
        expect(message).not.toContain(part);
        return message;
      }
    };
    expect(problem(token)).toBe('');
    expect(problem(`"${token}"`)).toMatch(/DISCORD_TOKEN is in quotes .*remove the quotes/);
    expect(problem(`'${token}'`)).toMatch(/remove the quotes/);
    expect(problem(`Bot ${token}`)).toMatch(/DISCORD_TOKEN starts with "Bot "/);
    expect(problem(`${token}…`)).toMatch(/characters a bot token never has/);
    expect(problem(part)).toMatch(/three parts separated by dots/);
  });

  it('refuses a token pasted into a folder setting, without printing it (folders are named in messages)', () => {
    const token = `MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.${'x'.repeat(38)}`;
    for (const name of ['SEEDS_DIR', 'CACHE_DIR', 'DATA_DIR']) {
      let message = '';
      try {
        loadConfig({ DISCORD_TOKEN: token, [name]: token });
      } catch (e) {
        message = (e as ConfigError).message;
      }
      // Before: accepted, then printed whole in "seeds folder … does not exist".
      expect(message).toContain(`${name} holds a value that looks like a bot token (not shown)`);
      expect(message).not.toContain('MTIzNDU2');
    }
    // A long folder name is a folder name, dots and all.
    for (const folder of [
      './community-documentation-for-the-widget-project',
      '/mnt/fileserver-production.corp.knowledge-base-export',
    ])
      expect(loadConfig({ SEEDS_DIR: folder }).seedsDir).toBe(folder);
  });

  it('refuses a token inside a web address setting, without printing it (citations and messages carry the address)', () => {
    const token = `MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.${'x'.repeat(38)}`;
    for (const [name, value] of [
      ['DISCORD_API_URL', `http://127.0.0.1:8080/${token}`],
      ['SOURCES_BASE_URL', `https://docs.example.org/${token}/`],
    ] as const) {
      for (const env of [{ DISCORD_TOKEN: token, [name]: value }, { [name]: value }]) {
        let message = '';
        try {
          loadConfig(env);
        } catch (e) {
          message = (e as ConfigError).message;
        }
        // Before: accepted; every citation (public) or a failure to reach the API carried it.
        expect(message).toContain(`${name} holds a value that looks like a bot token (not shown)`);
        expect(message).not.toContain('MTIzNDU2');
      }
    }
    // Ordinary addresses stay accepted.
    expect(loadConfig({ SOURCES_BASE_URL: 'https://github.com/you/docs/blob/main/' }).sourcesBaseUrl).toBe(
      'https://github.com/you/docs/blob/main/',
    );
    expect(loadConfig({ DISCORD_API_URL: 'http://127.0.0.1:8080/api' }).apiUrl).toBe(
      'http://127.0.0.1:8080/api',
    );
  });

  it('never quotes back a token pasted into another setting, but quotes an ordinary wrong value', () => {
    const token = 'MTE5NzQ2NTU1NTU1NTU1NTU1NQ.GhIjKl.NeverBePrintedNeverBePrinted0123';
    const messageOf = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (e) {
        return (e as ConfigError).message;
      }
      return '';
    };
    for (const name of [
      'DISCORD_CLIENT_ID',
      'DISCORD_GUILD_ID',
      'LOG_LEVEL',
      'DISCORD_SHARDS',
      'INTERACTIONS_HOST',
    ]) {
      // With the token set too, and alone (the token pasted in the wrong place only).
      for (const env of [{ DISCORD_TOKEN: token, [name]: token }, { [name]: token }]) {
        const message = messageOf(env);
        expect(message).toContain(name);
        expect(message).toContain('looks like a token or a key (not shown)');
        expect(message).not.toContain('NeverBePrinted');
      }
    }
    expect(messageOf({ DISCORD_CLIENT_ID: 'my-app' })).toContain('not "my-app"');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', DISCORD_API_URL: '  ' })).toEqual({
      seedsDir: './seeds',
      cacheDir: '.cache',
      logLevel: 'info',
      askRateLimit: 5,
      dataDir: '.data',
      gaps: true,
      gapsRetentionDays: 90,
    });
  });
});

describe('the knowledge-gaps settings', () => {
  it('reads DATA_DIR, GAPS and GAPS_RETENTION_DAYS, and names a bad value', () => {
    const c = loadConfig({ DATA_DIR: ' /var/lib/bot ', GAPS: 'OFF', GAPS_RETENTION_DAYS: '30' });
    expect([c.dataDir, c.gaps, c.gapsRetentionDays]).toEqual(['/var/lib/bot', false, 30]);
    expect(() => loadConfig({ GAPS: 'maybe' })).toThrow(/GAPS must be on or off, not "maybe"/);
    for (const bad of ['0', '-3', 'ninety', '4000'])
      expect(() => loadConfig({ GAPS_RETENTION_DAYS: bad })).toThrow(
        /GAPS_RETENTION_DAYS must be a whole number of days from 1 to 3650/,
      );
  });
});

describe('DISCORD_SHARDS', () => {
  const token = 'MTIz.abc.def';
  it('is auto or a number of shards, and needs the token', () => {
    expect(loadConfig({ DISCORD_TOKEN: token, DISCORD_SHARDS: 'auto' }).shards).toBe('auto');
    expect(loadConfig({ DISCORD_TOKEN: token, DISCORD_SHARDS: ' 4 ' }).shards).toBe(4);
    expect(loadConfig({ DISCORD_TOKEN: token, DISCORD_SHARDS: '' }).shards).toBeUndefined();
    for (const bad of ['0', 'two', '-1', '1.5', '5000']) {
      expect(() => loadConfig({ DISCORD_TOKEN: token, DISCORD_SHARDS: bad })).toThrow(
        /DISCORD_SHARDS must be auto or a number of shards from 1 to 1024/,
      );
    }
    expect(() => loadConfig({ DISCORD_SHARDS: '2' })).toThrow(/DISCORD_SHARDS needs DISCORD_TOKEN/);
  });
});

describe('logger', () => {
  it('writes one line per event with key=value fields, filtered by level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('hidden');
    log.warn('interaction expired', { id: '123', command: 'ask', note: 'two words' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ WARN {2}interaction expired id=123 command=ask note="two words"$/);
    expect(formatLine('info', 'x', { a: undefined })).toMatch(/INFO {2}x$/);
  });

  it('adds its base fields (a shard id) to every line', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l), { shard: 1 });
    log.info('documents loaded', { passages: 20 });
    log.error('oops');
    expect(lines[0]).toMatch(/ INFO {2}documents loaded passages=20 shard=1$/);
    expect(lines[1]).toMatch(/ ERROR oops shard=1$/);
  });
});

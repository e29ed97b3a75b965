/**
 * Test fakes. `strict` throws on any property it was not given, so a test never passes because
 * code read something the fake silently answered with undefined; `request` builds a command's
 * Request as a transport would.
 */
import type { MessageSeen, Request } from '../commands/_contract.js';
import { NotUnderstood } from '../commands/_contract.js';

export function strict<T>(props: Record<string, unknown>, name = 'fake'): T {
  return new Proxy(props, {
    get(target, key) {
      if (typeof key === 'symbol' || key === 'then') return undefined;
      if (!(key in target)) throw new Error(`${name}.${key} was read but the fake does not have it`);
      return target[key];
    },
  }) as T;
}

export interface RequestInit {
  userId?: string;
  options?: Record<string, string | boolean | number | undefined>;
  focused?: string;
  message?: MessageSeen | null;
  customId?: string | null;
  canManageGuild?: boolean;
  /** A submitted form's fields. */
  fields?: Record<string, string>;
}

/** A request with these options, as the gateway or the HTTP transport would hand it over. */
export function request(init: RequestInit = {}): Request {
  const options = init.options ?? {};
  return {
    id: '1',
    userId: init.userId ?? 'u1',
    guildId: 'g1',
    canManageGuild: init.canManageGuild ?? false,
    message: init.message ?? null,
    customId: init.customId ?? null,
    string: ((name: string, required?: boolean) => {
      const v = options[name];
      if (v === undefined && required) throw new NotUnderstood(`required option ${name} is missing`);
      return typeof v === 'string' ? v : null;
    }) as Request['string'],
    boolean: (name) => (typeof options[name] === 'boolean' ? (options[name] as boolean) : null),
    integer: (name) => (typeof options[name] === 'number' ? (options[name] as number) : null),
    focused: () => init.focused ?? '',
    field: (id) => init.fields?.[id] ?? null,
  };
}

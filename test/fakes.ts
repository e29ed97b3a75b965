/**
 * Test fakes that throw on any property they were not given, so a test never passes because
 * code read something the fake silently answered with undefined.
 */
export function strict<T>(props: Record<string, unknown>, name = 'fake'): T {
  return new Proxy(props, {
    get(target, key) {
      if (typeof key === 'symbol' || key === 'then') return undefined;
      if (!(key in target)) throw new Error(`${name}.${key} was read but the fake does not have it`);
      return target[key];
    },
  }) as T;
}

/** A fake slash-command interaction with these option values. */
export function slash<T>(
  userId: string,
  options: Record<string, string | boolean | undefined>,
  focused = '',
): T {
  return strict<T>(
    {
      user: strict({ id: userId }, 'user'),
      options: strict(
        {
          getString: (name: string, required?: boolean) => {
            const v = options[name];
            if (v === undefined && required) throw new Error(`option ${name} is required`);
            return typeof v === 'string' ? v : null;
          },
          getBoolean: (name: string) => (typeof options[name] === 'boolean' ? options[name] : null),
          getFocused: () => focused,
        },
        'options',
      ),
    },
    'interaction',
  );
}

/**
 * The hashing key of the knowledge-gaps log (DATA_DIR/gaps.key): users are stored as keyed
 * hashes of their ids, never the ids. Made once per install, read on every start.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';

/** The key in `file`, made first if there is none. Fails with a clear message if it cannot. */
export async function readKey(file: string): Promise<Buffer> {
  if (!(await exists(file))) await keepKey(file, randomBytes(32));
  let hex = (await readFile(file, 'utf8')).trim();
  // A key another process is writing where links cannot be made (see keepKey): read it again.
  for (let tries = 0; hex === '' && tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    hex = (await readFile(file, 'utf8')).trim();
  }
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new Error(`${file} is not a key this bot wrote: delete it to make a new one`);
  return Buffer.from(hex, 'hex');
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );

/**
 * Writes a key to `file` unless one is there: a new one (readKey), or the one in use put back
 * (DATA_DIR removed while running). Written whole under a name of its own, then linked into
 * place (which fails if a key is there), so a shard or a replica starting at the same moment
 * never reads half a key. Where links cannot be made (FAT, some network shares), the key is
 * created in place, and a process that finds it empty reads it again.
 */
export async function keepKey(file: string, bytes: Buffer): Promise<void> {
  const key = bytes.toString('hex');
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(draft, key, { flag: 'wx', mode: 0o600 });
    await link(draft, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    try {
      await writeFile(file, key, { flag: 'wx', mode: 0o600 });
    } catch (inPlace) {
      if ((inPlace as NodeJS.ErrnoException).code !== 'EEXIST') throw inPlace;
    }
  } finally {
    await unlink(draft).catch(() => {});
  }
}

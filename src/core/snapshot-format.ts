/**
 * The snapshot file's format: its magic, its version (SNAPSHOT_FORMAT), the paragraph kinds in
 * their stored order, the 32-byte prefix with the checksum, the JSON header and its sections.
 */
import { createHash } from 'node:crypto';
import type { DocumentInfo, EngineOptions } from './engine.js';
import type { ParagraphKind } from './passages.js';

export const MAGIC = 'SEEDBOT-SNAPSHOT';
/** Bump when the snapshot layout or anything that changes what a build produces changes. */
export const SNAPSHOT_FORMAT = 10;
export const KINDS: ParagraphKind[] = ['text', 'title', 'heading', 'question', 'code', 'list', 'table'];

/**
 * The file: a 32-byte prefix (header length as u32 LE, 4 zero bytes, the SHA-1 of everything
 * else, 4 zero bytes), the JSON header, padding to 8 bytes, the sections. The checksum covers
 * the header length, the header and every section: no byte that is used goes unchecked.
 */
export const PREFIX = 32;

export interface Header {
  magic: string;
  format: number;
  key: string;
  documents: DocumentInfo[];
  aliases: string[][];
  options: EngineOptions;
  warnings: string[];
  /** Distinct section paths (headings joined by a newline) and anchors, by id. */
  paths: string[];
  anchors: string[];
  /** Distinct languages of code blocks, by id. */
  langs: string[];
  /** Words of the vocabulary (the first ones of the dictionary's written words). */
  keptWords: number;
  /** See unitsKey; each file unit's content key (units are absent when this is empty). */
  unitsKey: string;
  unitKeys: string[];
  /**
   * Each file unit's own title where the engine's differs (documents sharing a title are named
   * by their file too, see distinctTitles): a later build works that out again from these.
   */
  unitTitles: Record<number, string>;
  sections: Record<string, [offset: number, length: number]>;
}

export type Section = Uint8Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** SHA-1 of the header length (the prefix's first 8 bytes) and the rest of the file. */
export function checksum(prefix: Buffer, rest: readonly Buffer[]): Buffer {
  const h = createHash('sha1').update(prefix.subarray(0, 8));
  for (const part of rest) h.update(part);
  return h.digest();
}

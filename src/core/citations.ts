/**
 * Where a passage is cited: its document, section and paragraphs, and a link to the document on
 * the web; and where a document repeats passages indexed at an earlier file's copy.
 */
import type { Citation, DocumentInfo, Paragraph, Spans } from './answer-types.js';
import { duplicateKey } from './normalize.js';
import { isBody, type Span, spanText } from './sections.js';

/** What the citations read of a file's unit (see units.ts): its paragraphs and passages. */
export interface UnitPassages {
  paragraphs: readonly Paragraph[];
  spans: Spans;
  /** A hash of each passage's duplicate key (see duplicateKey). */
  dupes: Float64Array;
}

/** The citations of one engine's passages, with the copies of each document it has looked up. */
export class Citations {
  /** Per document limited to, its passages indexed at an earlier copy (see copiesIn). */
  private readonly copies = new Map<number, Map<number, Span>>();
  /** Each unit's passages as indexed passage ids (see keptIdsOf), worked out on first use. */
  private keptIds: Int32Array[] | undefined;
  /** Passages indexed. */
  private readonly passageCount: number;

  constructor(
    private readonly documents: readonly DocumentInfo[],
    private readonly paragraphs: readonly Paragraph[],
    private readonly spans: Spans,
    /** Every file's unit, when the engine keeps them (see EngineParts.files). */
    private readonly units: readonly UnitPassages[] | undefined,
  ) {
    this.passageCount = spans.first.length;
  }

  /**
   * The passages of document `doc` indexed at an earlier file's copy (a near-duplicate is
   * indexed once, at its first occurrence): the indexed passage's id → this document's own span.
   * Worked out when a question is first limited to the document (a scan of the passages'
   * duplicate hashes), kept for a few documents.
   */
  copiesIn(doc: number): Map<number, Span> {
    let copies = this.copies.get(doc);
    if (copies) return copies;
    copies = new Map();
    const units = this.units;
    const unit = units?.[doc];
    if (units && unit) {
      const kept = this.keptIdsOf(units);
      const base = this.paragraphBase(units);
      const key = (u: number, p: number) => {
        const f = units[u] as UnitPassages;
        return duplicateKey(spanText(f.paragraphs, unitSpan(f, p)));
      };
      // This document's passages indexed elsewhere, by their hash.
      const wanted = new Map<number, number[]>();
      for (let p = 0; p < unit.dupes.length; p++) {
        if (((kept[doc] as Int32Array)[p] as number) >= 0) continue;
        const h = unit.dupes[p] as number;
        const list = wanted.get(h);
        if (list) list.push(p);
        else wanted.set(h, [p]);
      }
      // (A repeat within the document itself is indexed at its first copy, in the document.)
      for (let u = 0; u < doc && wanted.size > 0; u++) {
        const other = units[u] as UnitPassages;
        const ids = kept[u] as Int32Array;
        for (let q = 0; q < other.dupes.length; q++) {
          const id = ids[q] as number;
          const ps = id >= 0 ? wanted.get(other.dupes[q] as number) : undefined;
          if (!ps || copies.has(id)) continue;
          const at = ps.findIndex((p) => key(doc, p) === key(u, q));
          if (at < 0) continue;
          const own = unitSpan(unit, ps[at] as number);
          const b = base[doc] as number;
          copies.set(id, { ...own, first: own.first + b, last: own.last + b });
        }
      }
    }
    if (this.copies.size >= 32) this.copies.clear();
    this.copies.set(doc, copies);
    return copies;
  }

  /** Each unit's passages as indexed passage ids (-1: indexed at an earlier copy). */
  private keptIdsOf(units: readonly UnitPassages[]): Int32Array[] {
    if (this.keptIds) return this.keptIds;
    const base = this.paragraphBase(units);
    const out = units.map((u) => new Int32Array(u.dupes.length).fill(-1));
    // The indexed passages are the units' own, in file order: matched by their spans.
    let k = 0;
    for (let u = 0; u < units.length && k < this.passageCount; u++) {
      const unit = units[u] as UnitPassages;
      for (let p = 0; p < unit.dupes.length && k < this.passageCount; p++) {
        const s = unitSpan(unit, p);
        const b = base[u] as number;
        if (
          this.spans.first[k] === s.first + b &&
          this.spans.last[k] === s.last + b &&
          this.spans.start[k] === s.start &&
          this.spans.end[k] === s.end
        )
          (out[u] as Int32Array)[p] = k++;
      }
    }
    this.keptIds = out;
    return out;
  }

  /** Where each unit's paragraphs start among the engine's. */
  private paragraphBase(units: readonly UnitPassages[]): number[] {
    const base: number[] = [];
    let n = 0;
    for (const unit of units) {
      base.push(n);
      n += unit.paragraphs.length;
    }
    return base;
  }

  /** Where a span of paragraphs is: document, section, paragraphs, link. */
  citationOf(span: Span, base: string | undefined): Citation {
    const p = this.paragraphs[span.first] as Paragraph;
    let through = p.paragraph;
    for (let i = span.last; i > span.first; i--) {
      const q = this.paragraphs[i] as Paragraph;
      if (isBody(q.kind)) {
        through = q.paragraph;
        break;
      }
    }
    const url = documentUrl(this.documents[p.doc] as DocumentInfo, base, p.anchor);
    return {
      source: p.source,
      title: p.title,
      ...(p.section?.length ? { section: p.section.join(' \u203A ') } : {}),
      ...(url ? { url } : {}),
      paragraph: p.paragraph,
      ...(through > p.paragraph ? { through } : {}),
    };
  }
}

/**
 * A document's address: its front matter `url`, else `base` (an engine's sourcesBaseUrl) joined
 * with its path (`{path}` in the base is replaced by the path, `{name}` by the path without extension, or,
 * on such a docs site, by where its front matter `slug` puts the page: `/start` from the
 * site's docs root, `start` in place of the file's name); with `#anchor` when given, unless
 * the page is itself a route after the `#` (`#/guide`, a single-page site): the link then goes
 * to the page. Undefined when neither is known.
 */
export function documentUrl(
  document: DocumentInfo,
  base: string | undefined,
  anchor?: string,
): string | undefined {
  let url = webAddress(document.url, base);
  if (!url && base) {
    const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
    const path = encode(document.source);
    let name = path.replace(/\.[^./]*$/, '');
    const slug = document.slug;
    if (slug !== undefined)
      name = slug.startsWith('/')
        ? encode(slug.replace(/^\/+/, ''))
        : `${name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : ''}${encode(slug)}`;
    url = /\{(?:path|name)\}/.test(base)
      ? base.replaceAll('{path}', path).replaceAll('{name}', name)
      : `${base.replace(/\/+$/, '')}/${path}`;
  }
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  if (!anchor || /#!?\//.test(url)) return url;
  return `${url.replace(/#.*$/, '')}#${encodeURIComponent(anchor)}`;
}

/**
 * A front matter `url:` as an address to link: an http(s) address as it is; one from the site's
 * root (`/guides/mooring/`, as Hugo writes it) on the docs site of a `{name}` base; anything else
 * (`javascript:`, a relative path) none, so the base joined with the file's path links it.
 */
function webAddress(url: string | undefined, base: string | undefined): string | undefined {
  if (!url) return undefined;
  if (/^https?:\/\//i.test(url)) return url;
  if (!base?.includes('{name}') || !url.startsWith('/') || url.startsWith('//')) return undefined;
  try {
    return new URL(url, new URL(base.replaceAll('{name}', 'x')).origin).href;
  } catch {
    return undefined;
  }
}

/** A unit's passage `p` as a span of its own paragraphs. */
function unitSpan(unit: UnitPassages, p: number): Span {
  return {
    first: unit.spans.first[p] as number,
    last: unit.spans.last[p] as number,
    start: unit.spans.start[p] as number,
    end: unit.spans.end[p] as number,
  };
}

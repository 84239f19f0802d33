// Full-text search over every transcript, in memory. A history of 10,000 takes is ~15 MB of text; a
// scan of pre-lowercased strings answers in a few milliseconds (npm run bench: history_search_ms_10k),
// finds phrases and word parts as typed, and needs no index to keep in step with the database.

export interface SearchEntry {
  id: string;
  text: string;
}

/** A piece of a snippet: matched pieces are shown highlighted. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const SNIPPET_CONTEXT = 60;

/** Terms of a query: quoted phrases stay whole, the rest split at spaces; all lowercased. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of query.toLowerCase().matchAll(/"([^"]+)"|(\S+)/g)) {
    const term = (match[1] ?? match[2] ?? '').trim().replace(/\s+/g, ' ');
    if (term) terms.push(term);
  }
  return [...new Set(terms)];
}

export class SearchIndex {
  private readonly entries: { id: string; text: string; lower: string }[];
  private readonly byId = new Map<string, { text: string; lower: string }>();

  constructor(entries: readonly SearchEntry[]) {
    this.entries = entries.map(({ id, text }) => ({ id, text, lower: text.toLowerCase().replace(/\s+/g, ' ') }));
    for (const entry of this.entries) this.byId.set(entry.id, entry);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The ids of the takes whose transcript contains every term of the query. */
  search(query: string): Set<string> {
    const terms = queryTerms(query);
    const hits = new Set<string>();
    if (terms.length === 0) return hits;
    for (const entry of this.entries) {
      if (terms.every((term) => entry.lower.includes(term))) hits.add(entry.id);
    }
    return hits;
  }

  /**
   * The text around the query's first match in one take, every match in it marked; made only for the
   * rows on screen, so a search over thousands of hits stays a plain scan. Empty when nothing matches.
   */
  snippet(id: string, query: string): SnippetPart[] {
    const entry = this.byId.get(id);
    const terms = queryTerms(query);
    if (!entry || terms.length === 0 || !terms.some((term) => entry.lower.includes(term))) return [];
    return snippet(entry, terms);
  }
}

/** The text around the first match, with every match inside it marked. */
function snippet(entry: { text: string; lower: string }, terms: string[]): SnippetPart[] {
  // Whitespace is folded in `lower`, so snippets are cut from the same folded text.
  const text = entry.text.replace(/\s+/g, ' ');
  const first = Math.min(...terms.map((term) => entry.lower.indexOf(term)).filter((at) => at !== -1));
  const start = Math.max(0, first - SNIPPET_CONTEXT);
  const end = Math.min(text.length, first + SNIPPET_CONTEXT * 2);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    for (let at = entry.lower.indexOf(term, start); at !== -1 && at < end; at = entry.lower.indexOf(term, at + term.length)) {
      ranges.push([at, Math.min(end, at + term.length)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: SnippetPart[] = [];
  let cursor = start;
  for (const [from, to] of ranges) {
    if (to <= cursor) continue;
    if (from > cursor) parts.push({ text: text.slice(cursor, from), match: false });
    parts.push({ text: text.slice(Math.max(from, cursor), to), match: true });
    cursor = to;
  }
  if (cursor < end) parts.push({ text: text.slice(cursor, end), match: false });
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}

/** Searches and records how long it took as a performance measure named `name` (read by npm run bench). */
export function measuredSearch(index: SearchIndex, query: string, name: string): Set<string> {
  const start = performance.now();
  const hits = index.search(query);
  performance.measure(name, { start, end: performance.now(), detail: { query, hits: hits.size } });
  return hits;
}

// A new record's id from its text: a prefix and the first words as a slug (accents dropped, whole words up
// to 40 characters), with "-2", "-3"… when needed to be unique. Questions and stories are named this way.

const ID_MAX = 80;
const SLUG_MAX = 40;

export function slugId(prefix: string, text: string, fallback: string, words: number, existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  const parts = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, words);
  let slug = '';
  for (const word of parts) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX) {
      if (!slug) slug = word.slice(0, SLUG_MAX);
      break;
    }
    slug = next;
  }
  const base = `${prefix}-${slug || fallback}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}-${n}`.slice(0, ID_MAX);
    if (!taken.has(id)) return id;
  }
}

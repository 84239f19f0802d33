// The prompt of each engine call of a take: context across chunks. Streaming Whisper systems pass the end
// of the previous chunk's text as the next call's prompt, so a word or sentence cut by a chunk boundary
// is continued rather than guessed; a short disfluent opening is kept in front so the decoder is still
// invited to write fillers (see VERBATIM_PROMPT for why).
//
// Limits, from practitioners' reports that long prompts, and prompts starting with "I'm…", seed
// repetition loops:
// - the whole prompt is at most MAX_PROMPT_CHARS (32) characters;
// - it always starts with the opening "Um, uh," (so never with "I'm"), followed by at most the last 24
//   characters of the previous chunk's text, on whole words;
// - no context after a chunk whose loop guard fired (a loop must not be fed forward), nor after a chunk
//   with no text: then, as for the first chunk, FIRST_CHUNK_PROMPT.
// On Windows whisper.cpp reads its arguments in the ANSI code page: the prompt is made plain ASCII there
// (accents dropped, typographic quotes and dashes replaced, anything else removed), as with VERBATIM_PROMPT.
import { transcriptText, type Transcript } from './transcript';

export const MAX_PROMPT_CHARS = 32;
export const PROMPT_OPENING = 'Um, uh,';
/** The first chunk's prompt (29 characters): fillers and a self-interruption, short enough not to seed loops. */
export const FIRST_CHUNK_PROMPT = 'Um, uh, so, I- I think, like,';

export function chunkPrompt(
  previous: { transcript: Transcript; loopCut: boolean } | null,
  platform: NodeJS.Platform = process.platform,
): string {
  if (!previous || previous.loopCut) return FIRST_CHUNK_PROMPT;
  let text = transcriptText(previous.transcript).replace(/\s+/g, ' ').trim();
  if (platform === 'win32') text = toAscii(text);
  const room = MAX_PROMPT_CHARS - PROMPT_OPENING.length - 1;
  const words = text.split(' ').filter((w) => w !== '');
  let tail = '';
  for (let i = words.length - 1; i >= 0; i--) {
    const next = tail === '' ? (words[i] as string) : `${words[i]} ${tail}`;
    if (next.length > room) break;
    tail = next;
  }
  return tail === '' ? FIRST_CHUNK_PROMPT : `${PROMPT_OPENING} ${tail}`;
}

const REPLACEMENTS: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...' };

/** Plain printable ASCII: accents dropped ("José" → "Jose"), typographic punctuation replaced, the rest removed. */
export function toAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’“”–—…]/g, (c) => REPLACEMENTS[c] ?? '')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

// The hesitation test set (__fixtures__/test-set: FLAC takes and manifest.json, made by make-test-set.mjs)
// and how a detector's answers are scored against it. Used by the evaluation test and the bench.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Transcript } from '../../shared/contract';
import type { Hesitation } from './find-hesitations';

export const TEST_SET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'test-set');

/** An inserted filler is found when a counted hesitation overlaps its span widened by this much either side. */
export const MATCH_TOLERANCE_MS = 150;

export type InsertedKind = 'uh' | 'um' | 'er' | 'hmm' | 'drawn-out';

export interface TestItem {
  kind: InsertedKind;
  startMs: number;
  endMs: number;
  voiceId: string;
  /** Filler items: whether the hand-made transcript has it as a word (whisper usually drops them). */
  transcribed?: boolean;
  rate?: string;
  /** Drawn-out items: the word. */
  word?: string;
}

export interface TestTake {
  id: string;
  file: string;
  host: 'jfk' | 'espeak';
  split: 'dev' | 'held-out';
  durationMs: number;
  /** Host speech in the take (its length less what was inserted): the base of false alarms per minute. */
  fluentMs: number;
  items: TestItem[];
  transcript: Transcript;
}

/** The takes of the manifest. `dir`: where the set is (a bundled bench cannot find it from its own location). */
export function loadManifest(dir: string = TEST_SET_DIR): TestTake[] {
  return (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { takes: TestTake[] }).takes;
}

/** A take's samples: 16 kHz mono float, decoded from FLAC by sox. */
export function loadTakeAudio(take: TestTake, dir: string = TEST_SET_DIR): Float32Array {
  const result = spawnSync(
    'sox',
    [path.join(dir, take.file), '-t', 'raw', '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-'],
    { maxBuffer: 64 << 20 },
  );
  if (result.error || result.status !== 0) throw new Error(`sox could not decode ${take.file}: ${result.error?.message ?? result.stderr}`);
  const bytes = result.stdout;
  const ints = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  return Float32Array.from(ints, (v) => v / 32768);
}

/** The kind a detector should report for an inserted filler. */
export function expectedKind(kind: InsertedKind): 'uh' | 'um' | 'drawn-out' {
  return kind === 'uh' || kind === 'er' ? 'uh' : kind === 'drawn-out' ? 'drawn-out' : 'um';
}

export interface ItemResult {
  take: TestTake;
  item: TestItem;
  /** The counted hesitation (not drawn-out) that matched the item, if any. */
  found: Hesitation | null;
  /** Drawn-out items: the drawn-out hesitation on it, if any. */
  markedDrawnOut: boolean;
}

export interface TakeResult {
  take: TestTake;
  items: ItemResult[];
  /** Counted hesitations on neither an inserted filler nor an inserted drawn-out word. */
  falseAlarms: Hesitation[];
}

const overlaps = (h: Hesitation, item: TestItem) =>
  h.startMs < item.endMs + MATCH_TOLERANCE_MS && item.startMs - MATCH_TOLERANCE_MS < h.endMs;

export function scoreTake(take: TestTake, hesitations: readonly Hesitation[]): TakeResult {
  const counted = hesitations.filter((h) => h.kind !== 'drawn-out');
  const used = new Set<Hesitation>();
  const items = take.items.map((item): ItemResult => {
    const candidates = counted.filter((h) => !used.has(h) && overlaps(h, item));
    const found = candidates.sort((a, b) => b.score - a.score)[0] ?? null;
    if (found && item.kind !== 'drawn-out') used.add(found);
    if (item.kind === 'drawn-out') for (const h of candidates) used.add(h);
    const markedDrawnOut = hesitations.some((h) => h.kind === 'drawn-out' && overlaps(h, item));
    return { take, item, found: item.kind === 'drawn-out' ? (candidates[0] ?? null) : found, markedDrawnOut };
  });
  return { take, items, falseAlarms: counted.filter((h) => !used.has(h)) };
}

export interface Summary {
  fillers: number;
  found: number;
  recall: number;
  /** Found kind equals expectedKind (uh for uh/er, um for um/hmm), among the found. */
  kindRight: number;
  detections: number;
  precision: number;
  falseAlarms: number;
  fluentMinutes: number;
  falseAlarmsPerMinute: number;
  drawnOut: number;
  /** Drawn-out words reported as a counted hesitation (a false alarm of another kind). */
  drawnOutCounted: number;
  drawnOutMarked: number;
}

export function summarise(results: readonly TakeResult[]): Summary {
  const items = results.flatMap((r) => r.items);
  const fillers = items.filter((r) => r.item.kind !== 'drawn-out');
  const found = fillers.filter((r) => r.found);
  const drawn = items.filter((r) => r.item.kind === 'drawn-out');
  const falseAlarms = results.reduce((sum, r) => sum + r.falseAlarms.length, 0);
  const drawnOutCounted = drawn.filter((r) => r.found).length;
  const detections = found.length + falseAlarms + drawnOutCounted;
  const fluentMinutes = results.reduce((sum, r) => sum + r.take.fluentMs, 0) / 60_000;
  return {
    fillers: fillers.length,
    found: found.length,
    recall: ratio(found.length, fillers.length),
    kindRight: found.filter((r) => r.found?.kind === expectedKind(r.item.kind)).length,
    detections,
    precision: ratio(found.length, detections),
    falseAlarms,
    fluentMinutes,
    falseAlarmsPerMinute: fluentMinutes > 0 ? falseAlarms / fluentMinutes : 0,
    drawnOut: drawn.length,
    drawnOutCounted,
    drawnOutMarked: drawn.filter((r) => r.markedDrawnOut).length,
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

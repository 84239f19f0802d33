// A Rehearse backup large enough that restoring it takes a while (progress, Cancel, a kill part-way),
// written here with yazl after the format's description (electron/services/backup/backup-format.ts),
// independently of the code under test: `takes` takes of `seconds` of noise each, with their records.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import yazl from 'yazl';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A 16 kHz mono 16-bit WAV of `seconds` of noise (audio that does not compress). */
export function noiseWav(seconds: number): Buffer {
  const dataBytes = seconds * 16_000 * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, randomBytes(dataBytes)]);
}

/** Writes the backup to `file`; returns its take ids. */
export async function writeLargeBackup(file: string, takes: number, seconds: number): Promise<string[]> {
  const takeIds = Array.from({ length: takes }, (_, i) => `take-large${String(i).padStart(4, '0')}`);
  const records = Buffer.from(
    JSON.stringify({
      format: 'rehearse-records',
      version: 1,
      questions: [
        {
          id: 'q-large',
          text: 'Tell me about a long project.',
          category: 'behavioural',
          stage: 'team-interview',
          principles: ['intellectual-honesty'],
          targetSec: 120,
          packId: 'my-questions',
          order: 0,
          origin: 'own',
        },
      ],
      attempts: takeIds.map((id, i) => ({
        id,
        questionId: 'q-large',
        startedAt: 1_700_000_000_000 + i,
        durationMs: seconds * 1000,
        fileName: `${id}.wav`,
        status: 'complete',
        droppedMs: 0,
      })),
      transcripts: [],
      hesitations: [],
      loops: [],
    }),
  );
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream as unknown as Readable, createWriteStream(file));
  const files = [{ path: 'records.json', bytes: records.byteLength, sha256: sha256(records) }];
  zip.addBuffer(records, 'records.json');
  for (const id of takeIds) {
    const wav = noiseWav(seconds);
    zip.addBuffer(wav, `audio/${id}.wav`, { compress: false });
    files.push({ path: `audio/${id}.wav`, bytes: wav.byteLength, sha256: sha256(wav) });
  }
  const manifest = {
    format: 'rehearse-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    appVersion: 'e2e',
    files,
    counts: { questions: 1, attempts: takes, transcripts: 0, loops: 0, audio: takes },
    missingAudio: [],
  };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
  zip.end();
  await written;
  return takeIds;
}

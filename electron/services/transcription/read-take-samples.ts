// Reads a take's audio for transcription in pieces, handing each piece on as 16-bit samples, so a long
// take is never held whole here (an hour of 16 kHz audio is 115 MB as samples, 230 MB as floats). Takes
// are written as 16 kHz mono 16-bit PCM (wav-take-writer.ts); any other WAV is decoded whole, as before.
// A compressed take (Ogg Opus, recordings/compress-take.ts) is decoded packet by packet, also never whole.
import { promises as fs } from 'node:fs';
import { decodeOggOpusFile } from '../audio/ogg-opus';
import { decodeWav, floatToInt16, readWavInfo } from '../audio/wav';
import { TAKE_SAMPLE_RATE } from '../recordings/wav-take-writer';

const HEAD_BYTES = 64 * 1024;
/** 1 MiB: about 33 s of audio per piece. */
export const PIECE_BYTES = 1024 * 1024;

/** Calls `onSamples` with the take's samples in order; throws when the file is missing or not a WAV or Ogg Opus. */
export async function readTakeSamples(
  audioPath: string,
  onSamples: (samples: Int16Array) => void,
  pieceBytes = PIECE_BYTES,
): Promise<void> {
  const handle = await fs.open(audioPath, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, 4).toString('latin1') === 'OggS') {
      await decodeOggOpusFile(audioPath, { keepSamples: false, onSamples });
      return;
    }
    const info = readWavInfo(head);
    if (info.format !== 'pcm' || info.bitsPerSample !== 16 || info.channels !== 1 || info.sampleRate !== TAKE_SAMPLE_RATE) {
      onSamples(floatToInt16(decodeWav(await handle.readFile()).channels[0] ?? new Float32Array(0)));
      return;
    }
    // The header's size may be short of the file (a take recovered mid-write) or past it: trust both ends.
    const end = Math.min(size, info.dataOffset + info.declaredDataBytes);
    // Its own ArrayBuffer, so the samples view is aligned; reused for every piece (the receiver copies).
    const piece = Buffer.from(new ArrayBuffer(pieceBytes - (pieceBytes % 2)));
    for (let at = info.dataOffset; at + 1 < end;) {
      const want = Math.min(piece.length, end - at) & ~1;
      const { bytesRead } = await handle.read(piece, 0, want, at);
      if (bytesRead < 2) break;
      const whole = bytesRead & ~1;
      onSamples(new Int16Array(piece.buffer, piece.byteOffset, whole / 2));
      at += whole;
    }
  } finally {
    await handle.close();
  }
}

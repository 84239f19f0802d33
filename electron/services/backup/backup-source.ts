// Where a backup to restore comes from: main reads it itself, so no backup bytes cross to the renderer.
// Electron asks with an open dialog (the host's pickBackupFile); the browser host, which has no dialogs,
// reads a zip the person put in its exports folder, named by a plain file name (never a path).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SafeFileName, type Response } from '../../shared/contract';
import { ServiceError } from '../service-error';

export interface BackupSourceOptions {
  /** The browser host's exports folder, where it writes backups and reads them from. */
  exportsDir: string;
  /** Asks for a backup file (Electron's open dialog); null when the person cancels. */
  pickBackupFile?: () => Promise<string | null>;
}

export class BackupSource {
  constructor(private readonly options: BackupSourceOptions) {}

  /** The zips the browser host can restore, newest first; folder null when a dialog asks instead. */
  async files(): Promise<Response<'backup.files'>> {
    if (this.options.pickBackupFile) return { folder: null, files: [] };
    const folder = this.options.exportsDir;
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    const files = await Promise.all(
      entries
        .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.zip') && SafeFileName.safeParse(entry.name).success)
        .map(async (entry) => {
          const stat = await fs.stat(path.join(folder, entry.name));
          return { name: entry.name, bytes: stat.size, modifiedAt: stat.mtimeMs };
        }),
    );
    return { folder, files: files.sort((a, b) => b.modifiedAt - a.modifiedAt || a.name.localeCompare(b.name)) };
  }

  /** The path of the backup to restore, or null when the person cancelled the dialog. */
  async resolve(fileName: string | undefined): Promise<string | null> {
    const { pickBackupFile, exportsDir } = this.options;
    if (pickBackupFile) {
      if (fileName !== undefined)
        throw new ServiceError('bad-request', 'backup.restore: the desktop app asks which file; send no fileName');
      const picked = await pickBackupFile();
      if (picked !== null && !path.isAbsolute(picked))
        throw new ServiceError('internal', `the open dialog answered a relative path: ${picked}`);
      return picked;
    }
    if (fileName === undefined) {
      throw new ServiceError('bad-request', `backup.restore: name a backup in ${exportsDir} (this host has no file dialog)`);
    }
    // The contract checked it is a plain file name; checked again here, since it is about to name a file.
    if (!SafeFileName.safeParse(fileName).success)
      throw new ServiceError('bad-request', `backup.restore: ${JSON.stringify(fileName)} is not a file name`);
    return path.join(exportsDir, fileName);
  }
}

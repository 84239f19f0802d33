// Every record in the app's IndexedDB, read directly (not through the app), sorted by id: to compare
// the database before and after a backup round trip.
import type { Page } from '@playwright/test';

export type DbDump = Record<string, unknown[]>;

export async function dumpDb(page: Page, tables: string[]): Promise<DbDump> {
  return page.evaluate(async (tables) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('rehearse');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('cannot open the database'));
    });
    const dump: Record<string, unknown[]> = {};
    for (const table of tables) {
      dump[table] = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(table).objectStore(table).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error ?? new Error(`cannot read ${table}`));
      });
    }
    db.close();
    return dump;
  }, tables);
}

/** Deletes the app's database, as a fresh install has none. */
export async function deleteDb(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('rehearse');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('cannot delete the database'));
      }),
  );
}

// Reads the widget's IndexedDB journal from the test page (same origin, same database), to see what
// a reload or a closed tab would leave behind.
import type { JournalUpload } from '../../src/journal/journal.js';

/** The journal as the widget left it (same origin, same IndexedDB). */
export async function journaled(sessionId: string): Promise<JournalUpload[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('candid-journal');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    if (!db.objectStoreNames.contains('uploads')) return [];
    return await new Promise((resolve, reject) => {
      const req = db.transaction('uploads').objectStore('uploads').index('sessionId').getAll(sessionId);
      req.onsuccess = () => resolve(req.result as JournalUpload[]);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}


import type { Envelope } from '../contract';
import { isExportFileId, type FoundExportFile } from '../exports/exportFiles';
import { saveExportChannel, senderIsTrusted, type IpcMainLike } from './bindIpc';

/** What saving needs from Electron and the disk; main.ts passes the real ones, tests fakes. */
export interface SaveExportDeps<TEvent> {
  findFile(fileId: string): Promise<FoundExportFile | null>;
  /** Shows the save dialog for the sender's window; the chosen path, or undefined when cancelled. */
  askSavePath(event: TEvent, fileName: string): Promise<string | undefined>;
  copyFile(from: string, to: string): Promise<void>;
}

export type SaveExportAnswer = Envelope<{ saved: boolean }>;

const forbidden: SaveExportAnswer = { ok: false, error: { code: 'FORBIDDEN', params: { reason: 'sender' } } };

/**
 * The Electron half of saveExportedFile: the renderer names an export by its id, and main asks
 * the user where to save it and copies it there. The renderer never sends a path, so it can
 * neither read nor write anywhere but through the dialog the user sees.
 */
export function bindSaveExport<TEvent>(
  ipcMain: IpcMainLike<TEvent>,
  validateSender: (event: TEvent) => boolean,
  deps: SaveExportDeps<TEvent>,
): void {
  ipcMain.handle(saveExportChannel, async (event, fileId): Promise<SaveExportAnswer> => {
    if (!senderIsTrusted(validateSender, event)) return forbidden;
    if (!isExportFileId(fileId)) return { ok: false, error: { code: 'VALIDATION', fields: [{ path: 'fileId', code: 'ID_INVALID' }] } };
    try {
      const file = await deps.findFile(fileId);
      if (!file) return { ok: false, error: { code: 'EXPORT_FILE_GONE' } };
      const target = await deps.askSavePath(event, file.fileName);
      if (target === undefined) return { ok: true, value: { saved: false } };
      await deps.copyFile(file.path, target);
      return { ok: true, value: { saved: true } };
    } catch (error) {
      console.error('[ledger] saving an export failed', error);
      return { ok: false, error: { code: 'INTERNAL' } };
    }
  });
}

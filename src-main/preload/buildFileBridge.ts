import type { Envelope } from '../contract';
import { saveExportChannel } from '../electron/bindIpc';
import type { IpcInvoke } from './buildBridge';

/** What the preload puts on window.ledgerFiles: one function, saving an export by its id. */
export interface LedgerFilesBridge {
  readonly saveExport: (fileId: string) => Promise<Envelope<{ saved: boolean }>>;
}

/** Forwards exactly the id (nothing the renderer adds), on the one save channel. */
export function buildFileBridge(invoke: IpcInvoke): LedgerFilesBridge {
  return Object.freeze({
    saveExport: (fileId: string) => invoke(saveExportChannel, fileId) as Promise<Envelope<{ saved: boolean }>>,
  });
}

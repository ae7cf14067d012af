import type { ExportedFile } from '../../src-main/contract';
import { ApiError } from './createClient';

/**
 * Hands a finished export to the user, whichever host runs the app: in Electron the main
 * process asks where to save it; on the loopback host the browser downloads it from
 * /files/<fileId> (same-origin, with the session's key cookie). Answers false when the user
 * cancelled the save dialog; throws ApiError when the file cannot be saved.
 */
export async function saveExportedFile(file: ExportedFile): Promise<boolean> {
  const files = window.ledgerFiles;
  if (files) {
    const envelope = await files.saveExport(file.fileId);
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.value.saved;
  }
  const link = document.createElement('a');
  link.href = `/files/${encodeURIComponent(file.fileId)}`;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  return true;
}

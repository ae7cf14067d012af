import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ExportedFile } from '../contract/results';
import type { WriteResult } from './exportTable';

/**
 * Where exports are made and how a host hands them over. Each export gets its own folder
 * `<dataDir>/exports/<fileId>/` holding one file under its user-facing name, so the name can
 * be Chinese and the id alone (32 hex digits, checked before any path is built) finds it: no
 * id can reach outside the folder. Exports are kept for a day, then removed at the next start.
 */

export const exportMaxAgeMs = 24 * 60 * 60 * 1000;

const fileIdPattern = /^[0-9a-f]{32}$/;

export function isExportFileId(value: unknown): value is string {
  return typeof value === 'string' && fileIdPattern.test(value);
}

/** A file name safe on Windows, macOS and Linux: no separators, reserved characters or control characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned.slice(0, 150) || 'export';
}

/**
 * Makes one export: a fresh folder, the writer run on `<folder>/<fileName>`, and its answer.
 * If the writer fails or is cancelled, the folder goes too.
 */
export async function createExportFile(
  exportsDir: string,
  fileName: string,
  write: (path: string) => Promise<WriteResult>,
): Promise<ExportedFile> {
  const fileId = randomBytes(16).toString('hex');
  const folder = join(exportsDir, fileId);
  const name = safeFileName(fileName);
  await mkdir(folder, { recursive: true });
  try {
    const result = await write(join(folder, name));
    return { fileId, fileName: name, bytes: result.bytes, rows: result.rows };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

export interface FoundExportFile {
  path: string;
  fileName: string;
  bytes: number;
}

/** The finished export with this id, or null (unknown, malformed, expired or still being written). */
export async function findExportFile(exportsDir: string, fileId: unknown): Promise<FoundExportFile | null> {
  if (!isExportFileId(fileId)) return null;
  const folder = join(exportsDir, fileId);
  try {
    const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.endsWith('.layout'));
    if (entries.length !== 1 || !entries[0]) return null;
    const path = join(folder, entries[0].name);
    const info = await stat(path);
    return { path, fileName: entries[0].name, bytes: info.size };
  } catch {
    return null;
  }
}

/** Removes exports older than `maxAgeMs`; run at start, when nothing can be downloading them. Answers how many went. */
export function removeOldExports(exportsDir: string, now: number, maxAgeMs = exportMaxAgeMs): number {
  mkdirSync(exportsDir, { recursive: true });
  let removed = 0;
  for (const entry of readdirSync(exportsDir, { withFileTypes: true })) {
    const path = join(exportsDir, entry.name);
    try {
      if (now - statSync(path).mtimeMs < maxAgeMs) continue;
      rmSync(path, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Removed meanwhile, or locked by a viewer on Windows: tried again at the next start.
    }
  }
  return removed;
}

const contentTypes: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};

export function exportContentType(fileName: string): string {
  return contentTypes[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII fallback name for old clients and the
 * real, UTF-8 name in RFC 5987's filename*, which every current browser prefers.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

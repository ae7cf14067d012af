import type { IdGenerator } from '../core/ids';
import type { Role } from '../core/permissions';
import type { SessionHolder } from './session';
import type { LedgerDb } from '../../db/openLedgerDb';
import type { PdfFonts } from '../exports/exportTable';
import type { BackupService } from './backups';
import type { ReportRunner } from './reports/reportRunner';
import type { EnrolInput, EnrolOutcome, SyncRunResult } from '../sync/syncClient';

export interface CurrentUser {
  id: string;
  role: Role;
}

export type HostKind = 'electron' | 'http' | 'node';

export interface LedgerApiDeps {
  db: LedgerDb;
  /** Epoch ms; injected so tests and rules never read the wall clock themselves. */
  clock: () => number;
  ids: IdGenerator;
  host: HostKind;
  appVersion: string;
  /**
   * Sync with head office, supplied by the host (openLedgerApp). Left out (tests without a
   * server), the ledger works the same and `sync.now` answers SYNC_NOT_CONFIGURED.
   */
  sync?: SyncService;
  /** Where exports are made and how they read the ledger; left out, export methods answer EXPORT_UNAVAILABLE. */
  exports?: ExportsDeps;
  /** Backups of the ledger file (openLedgerApp); left out, backup methods answer BACKUP_FAILED. */
  backups?: BackupService;
  /** The report worker (services/reports/reportRunner.ts); left out, report methods answer EXPORT_UNAVAILABLE. */
  reports?: ReportRunner;
}

export interface ExportsDeps {
  /** `<dataDir>/exports`: one folder per export (src-main/exports/exportFiles.ts). */
  dir: string;
  /**
   * A read-only connection of its own for one export, closed when it is done: a long export
   * reads one consistent snapshot while postings go on, and never holds the writer's connection.
   */
  openReader: () => LedgerDb;
  fonts?: PdfFonts;
  /** Aborted when the host closes: running exports stop and remove their partial files. */
  signal?: AbortSignal;
}

export interface SyncService {
  enrol(input: EnrolInput): Promise<EnrolOutcome>;
  syncNow(): Promise<SyncRunResult>;
  /** A write method succeeded: sync soon. */
  nudge(): void;
}

/** What every service function receives. */
export interface ServiceContext extends LedgerApiDeps {
  /** The signed-in user (a bootstrap administrator before set-up; nobody's id on the sign-in screen's methods). */
  currentUser: CurrentUser;
  /** This PC's sign-in, held by the API for every host (services/session.ts). */
  session: SessionHolder;
  /** The instant of this command; every row it writes carries it. */
  now: number;
  /** A new hybrid-logical-clock stamp for a row or op this command writes. */
  hlc: () => string;
  /** This PC's device id (settings 'deviceId', made once by createLedgerApi). */
  deviceId: string;
}

/**
 * What a command that writes rows, audit and outbox needs of its context: a user's command has
 * it from the API; sync has it too when it must write a compensating document itself.
 */
export type CommandContext = Pick<ServiceContext, 'db' | 'ids' | 'hlc' | 'now' | 'currentUser' | 'deviceId'>;

import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';

/** Fired after this window changed the sync state (synced now, enrolled), so every view reads it again at once. */
export const syncStatusChanged = 'ledger:sync-status-changed';

export function announceSyncStatus(): void {
  window.dispatchEvent(new Event(syncStatusChanged));
}

export interface SyncStatusQuery {
  status: SyncStatus | undefined;
  error: unknown;
  /** Ms epoch of the last answer, so "3 minutes ago" moves on between answers. */
  readAt: number;
  refresh: () => void;
}

/**
 * sync.status, read again every `intervalMs` while the component is mounted (a local read, no
 * network), and at once when another part of the window announces a change. The last answer
 * stays on screen while the next one is on its way.
 */
export function useSyncStatus(intervalMs: number): SyncStatusQuery {
  const [status, setStatus] = useState<SyncStatus | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [readAt, setReadAt] = useState(() => Date.now());
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const id = ++latest.current;
    const api = getApi();
    api['sync.status']({}).then(
      (s) => {
        if (id !== latest.current) return;
        setStatus(s);
        setError(null);
        setReadAt(Date.now());
      },
      (e: unknown) => {
        if (id === latest.current) setError(e);
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, intervalMs);
    window.addEventListener(syncStatusChanged, refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(syncStatusChanged, refresh);
      // An answer still on its way belongs to an unmounted view: `latest` is a run counter,
      // not a DOM node, so reading it at cleanup is the point.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      latest.current++;
    };
  }, [refresh, intervalMs]);

  return { status, error, readAt, refresh };
}

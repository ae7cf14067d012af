import { useEffect, useRef } from 'react';

interface Stored<T> {
  v: 1;
  draft: T;
}

/**
 * Keeps an unposted form in sessionStorage, so a clerk who clicks away to check stock — or
 * reloads the window — comes back to the lines already scanned. Restored once on mount;
 * anything unreadable is ignored. Cleared in effect when the form is reset (the empty form is
 * what gets saved).
 */
export function useSessionDraft<T>(key: string, draft: T, restore: (saved: T) => void): void {
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  // The form's first, empty state is never saved: it would overwrite the draft before the
  // restored one renders (and in React's StrictMode the mount effects run twice).
  const initial = useRef(draft);

  useEffect(() => {
    try {
      const raw = window.sessionStorage.getItem(key);
      const stored = raw ? (JSON.parse(raw) as Stored<T>) : null;
      if (stored?.v === 1) restoreRef.current(stored.draft);
    } catch {
      // A draft is a convenience; a broken one is dropped.
    }
  }, [key]);

  useEffect(() => {
    if (draft === initial.current) return;
    try {
      window.sessionStorage.setItem(key, JSON.stringify({ v: 1, draft } satisfies Stored<T>));
    } catch {
      // Storage full or unavailable: the form still works, it just is not kept.
    }
  }, [key, draft]);
}

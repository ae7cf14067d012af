import { createContext, useContext } from 'react';
import type { AppInfo, Settings } from '../../src-main/contract';

/**
 * What the shell loaded at start (app.info, settings.get), shared with every screen so each
 * does not ask again. The shell provides it; features read it with useAppInfo().
 */
export interface AppInfoValue {
  info: AppInfo;
  /** null when settings could not be read; screens then use defaults. */
  settings: Settings | null;
  /** Reads app.info again (after set-up, or when the business date may have changed). */
  reloadInfo: () => Promise<void>;
  /** Stores settings returned by settings.update, so every screen sees the new values. */
  setSettings: (settings: Settings) => void;
}

export const AppInfoContext = createContext<AppInfoValue | null>(null);

export function useAppInfo(): AppInfoValue {
  const value = useContext(AppInfoContext);
  if (!value) throw new Error('useAppInfo() is used outside the app shell');
  return value;
}

/** Settings default when the ledger could not answer. */
export const defaultNearExpiryDays = 30;

import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { AppInfo, AuthStatus, Settings } from '../../src-main/contract';
import { getApi } from '../api/getApi';
import { errorCode, errorPayload } from '../components/errors';
import { ErrorState } from '../components/ErrorState';
import { toLocale } from '../components/format';
import { LoadingState } from '../components/LoadingState';
import { AppInfoContext, type AppInfoValue } from '../components/useAppInfo';
import { RecoveryScreen } from '../features/backups';
import { SetupScreen } from '../features/setup';
import { LockScreen, SignInScreen } from '../features/signIn';
import { SessionContext, type SessionValue } from '../components/useSession';
import { RouterProvider } from '../lib/router';
import { AppLayout } from './AppLayout';
import { ErrorBoundary } from './ErrorBoundary';
import { features } from './features';
import { initI18n } from './i18n';
import { cssVariablesResolver, theme } from './theme';

const i18n = initI18n(features);

type BootState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'setup'; info: AppInfo }
  | { status: 'signIn'; auth: AuthStatus }
  | { status: 'ready'; info: AppInfo; settings: Settings | null; auth: AuthStatus; switching: boolean; mounted: boolean };

async function readSettings(): Promise<Settings | null> {
  try {
    return await getApi()['settings.get']({});
  } catch {
    // Before set-up, or an older ledger: the defaults (Chinese, 30 days) apply.
    return null;
  }
}

/** What the shell shows for a session: the set-up, the sign-in screen, or the app (locked or not). */
async function bootFor(auth: AuthStatus): Promise<BootState> {
  if (!auth.branchSetUp) return { status: 'setup', info: await getApi()['app.info']({}) };
  if (!auth.user) {
    await i18n.changeLanguage(auth.locale);
    return { status: 'signIn', auth };
  }
  const [info, settings] = await Promise.all([getApi()['app.info']({}), readSettings()]);
  if (settings) await i18n.changeLanguage(settings.locale);
  // Opened on a locked PC (a reload), the screens wait for the unlock rather than load and be refused.
  return { status: 'ready', info, settings, auth, switching: false, mounted: !auth.locked };
}

/**
 * Locks the screen after `minutes` without a key, click, touch or mouse movement. The timer
 * runs in the window (the API only answers), and the lock itself is the API's: reloading the
 * page does not get past it.
 */
function useIdleLock(active: boolean, minutes: number, onIdle: () => void) {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  });
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), minutes * 60_000);
    };
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, restart, { passive: true });
    restart();
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, restart);
    };
  }, [active, minutes]);
}

/**
 * Reads the session (auth.status), applies the stored language, then shows the first-start
 * set-up (no branch yet), the sign-in screen (nobody signed in) or the shell, with the lock
 * screen over it while locked.
 */
function Bootstrap() {
  const { t } = useTranslation('common');
  const [state, setState] = useState<BootState>({ status: 'loading' });

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState(await bootFor(await getApi()['auth.status']({})));
    } catch (error) {
      setState({ status: 'error', error });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const reloadInfo = useCallback(async () => {
    const [info, settings] = await Promise.all([getApi()['app.info']({}), readSettings()]);
    setState((s) => (s.status === 'ready' ? { ...s, info, settings } : s));
  }, []);

  const setSettings = useCallback((settings: Settings) => {
    setState((s) => (s.status === 'ready' ? { ...s, settings } : s));
  }, []);

  const onBranchCreated = useCallback(() => {
    // The language chosen on the set-up screen is the branch's language from now on.
    const locale = toLocale(i18n.language);
    void getApi()['settings.update']({ locale })
      .catch(() => undefined)
      .then(() => load());
  }, [load]);

  /** A sign-in or unlock answered: the same user carries on where they were; another user starts afresh. */
  const onSignedIn = useCallback(
    (auth: AuthStatus) => {
      setState((s) => {
        if (s.status === 'ready' && s.auth.user?.id === auth.user?.id) return { ...s, auth, switching: false, mounted: true };
        void bootFor(auth).then(setState, (error: unknown) => setState({ status: 'error', error }));
        return { status: 'loading' };
      });
    },
    [],
  );

  const lock = useCallback((switching: boolean) => {
    void getApi()['auth.lock']({})
      .then((auth) => setState((s) => (s.status === 'ready' ? { ...s, auth, switching } : s)))
      .catch(() => undefined);
  }, []);

  const signOut = useCallback(() => {
    void getApi()['auth.signOut']({})
      .then((auth) => setState({ status: 'signIn', auth }))
      .catch((error: unknown) => setState({ status: 'error', error }));
  }, []);

  const ready = state.status === 'ready' ? state : null;
  useIdleLock(ready !== null && !ready.auth.locked, ready?.auth.lockMinutes ?? 10, () => lock(false));
  useHotkeys([['mod+L', () => ready && !ready.auth.locked && lock(false)]], []);

  const contextValue = useMemo<AppInfoValue | null>(
    () => (ready ? { info: ready.info, settings: ready.settings, reloadInfo, setSettings } : null),
    [ready, reloadInfo, setSettings],
  );
  const sessionValue = useMemo<SessionValue | null>(
    () =>
      ready
        ? {
            status: ready.auth,
            lock: () => lock(false),
            switchUser: () => lock(true),
            signOut,
            can: (permission) => ready.auth.permissions.includes(permission),
          }
        : null,
    [ready, lock, signOut],
  );

  if (state.status === 'loading') return <LoadingState label={t('app.starting')} minHeight="100dvh" delayMs={300} />;
  if (state.status === 'error') {
    // The ledger failed its check at start: offer the backups instead of an error.
    if (errorCode(state.error) === 'LEDGER_DAMAGED') return <RecoveryScreen detail={String(errorPayload(state.error)?.params?.detail ?? '')} />;
    return <ErrorState error={state.error} title={t('app.startFailedTitle')} onRetry={() => void load()} minHeight="100dvh" />;
  }
  if (state.status === 'setup') {
    return (
      <AppInfoContext.Provider value={{ info: state.info, settings: null, reloadInfo, setSettings }}>
        <SetupScreen onCreated={onBranchCreated} />
      </AppInfoContext.Provider>
    );
  }
  if (state.status === 'signIn') return <SignInScreen status={state.auth} onSignedIn={onSignedIn} />;
  if (!contextValue || !sessionValue || !ready) return null;
  return (
    <AppInfoContext.Provider value={contextValue}>
      <SessionContext.Provider value={sessionValue}>
        {ready.mounted && (
          <RouterProvider>
            <AppLayout />
          </RouterProvider>
        )}
        {ready.auth.locked && <LockScreen key={String(ready.switching)} status={ready.auth} onSignedIn={onSignedIn} onSignOut={signOut} switching={ready.switching} />}
      </SessionContext.Provider>
    </AppInfoContext.Provider>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" limit={4} zIndex={1000} />
      <I18nextProvider i18n={i18n}>
        <ErrorBoundary scope="app">
          <Bootstrap />
        </ErrorBoundary>
      </I18nextProvider>
    </MantineProvider>
  );
}

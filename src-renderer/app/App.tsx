import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { AppInfo, Settings } from '../../src-main/contract';
import { getApi } from '../api/getApi';
import { errorCode, errorPayload } from '../components/errors';
import { ErrorState } from '../components/ErrorState';
import { toLocale } from '../components/format';
import { LoadingState } from '../components/LoadingState';
import { AppInfoContext, type AppInfoValue } from '../components/useAppInfo';
import { RecoveryScreen } from '../features/backups';
import { SetupScreen } from '../features/setup';
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
  | { status: 'ready'; info: AppInfo; settings: Settings | null };

async function readSettings(): Promise<Settings | null> {
  try {
    return await getApi()['settings.get']({});
  } catch {
    // Before set-up, or an older ledger: the defaults (Chinese, 30 days) apply.
    return null;
  }
}

/**
 * Reads app.info and the stored settings, applies the stored language, then shows either the
 * first-start set-up (no branch yet) or the shell.
 */
function Bootstrap() {
  const { t } = useTranslation('common');
  const [state, setState] = useState<BootState>({ status: 'loading' });

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const [info, settings] = await Promise.all([getApi()['app.info']({}), readSettings()]);
      if (settings) await i18n.changeLanguage(settings.locale);
      setState({ status: 'ready', info, settings });
    } catch (error) {
      setState({ status: 'error', error });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const reloadInfo = useCallback(async () => {
    const [info, settings] = await Promise.all([getApi()['app.info']({}), readSettings()]);
    setState({ status: 'ready', info, settings });
  }, []);

  const setSettings = useCallback((settings: Settings) => {
    setState((s) => (s.status === 'ready' ? { ...s, settings } : s));
  }, []);

  const onBranchCreated = useCallback((info: AppInfo) => {
    setState({ status: 'ready', info, settings: null });
    // The language chosen on the set-up screen is the branch's language from now on.
    const locale = toLocale(i18n.language);
    const api = getApi();
    void api['settings.update']({ locale }).then(setSettings, async () => {
      const settings = await readSettings();
      if (settings) setSettings(settings);
    });
  }, [setSettings]);

  const contextValue = useMemo<AppInfoValue | null>(
    () => (state.status === 'ready' ? { info: state.info, settings: state.settings, reloadInfo, setSettings } : null),
    [state, reloadInfo, setSettings],
  );

  if (state.status === 'loading') return <LoadingState label={t('app.starting')} minHeight="100dvh" delayMs={300} />;
  if (state.status === 'error') {
    // The ledger failed its check at start: offer the backups instead of an error.
    if (errorCode(state.error) === 'LEDGER_DAMAGED') return <RecoveryScreen detail={String(errorPayload(state.error)?.params?.detail ?? '')} />;
    return (
      <ErrorState
        error={state.error}
        title={t('app.startFailedTitle')}
        onRetry={() => void load()}
        minHeight="100dvh"
      />
    );
  }
  if (!contextValue) return null;
  return (
    <AppInfoContext.Provider value={contextValue}>
      {state.info.branch === null ? (
        <SetupScreen onCreated={onBranchCreated} />
      ) : (
        <RouterProvider>
          <AppLayout />
        </RouterProvider>
      )}
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

import { Alert, Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconDatabaseExport, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreDone } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorCode, errorMessage } from '../../components/errors';
import { EmptyState } from '../../components/EmptyState';
import { formatDateTime, toLocale } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryBody } from '../../components/QueryBody';
import { useApiQuery } from '../../components/useApiQuery';
import { BackupTable } from './BackupTable';
import { formatBytes } from './backupText';
import { RestoreModal } from './RestoreModal';

/** After a restore the whole app starts again on the restored ledger (every screen's data changed). */
export function reloadAfterRestore(t: (key: string, options?: Record<string, unknown>) => string, done: RestoreDone): void {
  notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('preview.done', { name: done.restoredFrom }) });
  window.setTimeout(() => window.location.reload(), 800);
}

/** '/settings/backups': the backups with restore, a backup now, the integrity check on demand. */
export function BackupsPage() {
  const { t, i18n } = useTranslation('backups');
  const locale = toLocale(i18n.language);
  const list = useApiQuery(() => getApi()['backups.list']({}), []);
  const [busy, setBusy] = useState<'backup' | 'check' | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function backUpNow() {
    setBusy('backup');
    setError(null);
    try {
      const made = await getApi()['backups.create']({});
      notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('backedUp', { name: made.fileName, size: formatBytes(made.sizeBytes, locale) }) });
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function checkLedger() {
    setBusy('check');
    setError(null);
    try {
      const report = await getApi()['backups.checkLedger']({ full: true });
      if (report.ok) notifications.show({ color: 'teal', icon: <IconShieldCheck size={18} />, message: t('checkOk', { time: formatDateTime(report.checkedAt, locale) }) });
      else notifications.show({ color: 'red', autoClose: false, message: t('checkFailed', { problems: report.problems.slice(0, 3).join('; ') }) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const forbidden = errorCode(list.error) === 'FORBIDDEN';

  return (
    <Stack gap="md" maw={1100}>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          !forbidden && (
            <Group gap="sm">
              <Button variant="default" leftSection={<IconShieldCheck size={18} />} loading={busy === 'check'} disabled={busy !== null} onClick={() => void checkLedger()}>
                {t('checkLedger')}
              </Button>
              <Button leftSection={<IconDatabaseExport size={18} />} loading={busy === 'backup'} disabled={busy !== null} onClick={() => void backUpNow()}>
                {t('backUpNow')}
              </Button>
            </Group>
          )
        }
      />
      {error !== null && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} withCloseButton onClose={() => setError(null)}>
          {errorMessage(t, error)}
        </Alert>
      )}
      {forbidden ? (
        <Alert color="gray">{t('notAllowed')}</Alert>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <QueryBody query={list} isEmpty={(d) => d.backups.length === 0} empty={<EmptyState title={t('empty')} description={t('emptyHint')} />}>
            {(d) => (
              <Stack gap="sm">
                <BackupTable backups={d.backups} onRestore={setRestoring} />
              </Stack>
            )}
          </QueryBody>
          {list.data && (
            <Stack gap={4} mt="md">
              <Text size="sm" c="dimmed">
                {t('folder')}: <Code>{list.data.folder}</Code>
              </Text>
              <Text size="sm" c="dimmed">
                {t('policy', list.data.policy)}
              </Text>
            </Stack>
          )}
        </Paper>
      )}
      {restoring && <RestoreModal fileName={restoring} onClose={() => setRestoring(null)} onRestored={(done) => reloadAfterRestore(t, done)} />}
    </Stack>
  );
}

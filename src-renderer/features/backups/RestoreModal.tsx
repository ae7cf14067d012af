import { Alert, Button, Checkbox, Group, List, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreDone } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorMessage } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime, formatNumber, toLocale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { useApiQuery } from '../../components/useApiQuery';

/**
 * The restore of one backup: its check and what it holds against the ledger now (documents it
 * would lose), a confirmation, then the restore. Used by the backups page and the recovery screen.
 */
export function RestoreModal({
  fileName,
  onClose,
  onRestored,
  signIn,
  onRetry,
}: {
  fileName: string;
  onClose: () => void;
  onRestored: (done: RestoreDone) => void;
  /** Recovery mode: the backup's manager or administrator who signed in on the recovery screen. */
  signIn?: { username: string; secret: string };
  /** What "retry" does when the preview failed (recovery mode: back to the sign-in); loads it again otherwise. */
  onRetry?: () => void;
}) {
  const { t, i18n } = useTranslation('backups');
  const locale = toLocale(i18n.language);
  const preview = useApiQuery(() => getApi()['backups.preview']({ fileName, ...(signIn ? { signIn } : {}) }), [fileName, signIn]);
  const [understood, setUnderstood] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const p = preview.data;
  const lostTotal = p ? p.lost.reduce((sum, l) => sum + l.count, 0) : 0;

  async function restore() {
    setRestoring(true);
    setError(null);
    try {
      onRestored(await getApi()['backups.restore']({ fileName, confirm: true, ...(signIn ? { signIn } : {}) }));
    } catch (e) {
      setError(e);
      setRestoring(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('preview.title')} size="xl" closeOnClickOutside={!restoring} withCloseButton={!restoring}>
      {preview.error !== undefined && !p ? (
        <ErrorState error={preview.error} onRetry={onRetry ?? preview.reload} minHeight={160} />
      ) : !p ? (
        <LoadingState label={t('preview.loading')} minHeight={160} />
      ) : (
        <Stack gap="md" data-testid="restore-preview">
          <div>
            <Text fw={600}>
              {t('preview.made')}: {formatDateTime(p.backup.createdAt, locale)} · {t(`kind.${p.backup.kind}`)}
            </Text>
            <Text c="dimmed" size="sm" ff="monospace">
              {p.backup.fileName} · {t('preview.versions', { app: p.backup.appVersion ?? '—', schema: p.backup.schemaVersion ?? '—' })}
            </Text>
          </div>
          {p.integrity.ok ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />}>{t('preview.integrityOk')}</Alert>
          ) : (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="restore-integrity-bad">
              {t('preview.integrityBad', { problems: p.integrity.problems.slice(0, 3).join('; ') })}
            </Alert>
          )}
          {p.integrity.ok && (
            <>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('preview.type')}</Table.Th>
                    <Table.Th ta="right">{t('preview.inBackup')}</Table.Th>
                    <Table.Th>{t('preview.lastNo')}</Table.Th>
                    {p.current && <Table.Th ta="right">{t('preview.now')}</Table.Th>}
                    {p.current && <Table.Th>{t('preview.lastNo')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(p.backup.documents ?? []).map((d) => {
                    const now = p.current?.find((c) => c.type === d.type);
                    // Kinds of document this branch has never made are left out.
                    if (d.count === 0 && (now?.count ?? 0) === 0) return null;
                    return (
                      <Table.Tr key={d.type}>
                        <Table.Td>{t(`docType.${d.type}`)}</Table.Td>
                        <Table.Td ta="right">{formatNumber(d.count, locale)}</Table.Td>
                        <Table.Td ff="monospace">{d.lastDocNo ?? '—'}</Table.Td>
                        {p.current && <Table.Td ta="right">{formatNumber(now?.count ?? 0, locale)}</Table.Td>}
                        {p.current && <Table.Td ff="monospace">{now?.lastDocNo ?? '—'}</Table.Td>}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              {p.current === null ? (
                <Text c="dimmed">{t('preview.currentUnreadable')}</Text>
              ) : lostTotal > 0 ? (
                <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('preview.lostTitle', { count: lostTotal })} data-testid="restore-lost">
                  <List size="sm">
                    {p.lost.map((l) => (
                      <List.Item key={l.type}>{t('preview.lostItem', { type: t(`docType.${l.type}`), count: l.count, docNos: l.docNos.join(', ') })}</List.Item>
                    ))}
                  </List>
                </Alert>
              ) : (
                <Text>{t('preview.nothingLost')}</Text>
              )}
              {p.willMigrate && <Text>{t('preview.willMigrate')}</Text>}
              {p.sentToHeadOffice > 0 && (
                <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="restore-behind-head-office">
                  {t('preview.behindHeadOffice', { count: p.sentToHeadOffice })}
                </Alert>
              )}
              {p.current !== null && <Text c="dimmed">{t('preview.safety')}</Text>}
              {error !== null && (
                <Alert color="red" icon={<IconAlertTriangle size={18} />}>
                  {errorMessage(t, error)}
                </Alert>
              )}
              <Checkbox label={t('preview.confirm')} checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} disabled={restoring} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={restoring}>
              {t('preview.cancel')}
            </Button>
            <Button color="red" leftSection={<IconRestore size={18} />} disabled={!p.integrity.ok || p.sentToHeadOffice > 0 || !understood} loading={restoring} onClick={() => void restore()}>
              {t('preview.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

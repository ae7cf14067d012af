import { Alert, Button, Code, Container, Group, Modal, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api/getApi';
import { toLocale } from '../../components/format';
import { QueryBody } from '../../components/QueryBody';
import { useApiQuery } from '../../components/useApiQuery';
import { reloadAfterRestore } from './BackupsPage';
import { BackupTable } from './BackupTable';
import { RestoreModal } from './RestoreModal';

/**
 * Shown instead of the app when the ledger file failed its check at start (app.info answered
 * LEDGER_DAMAGED): what was found, and the backups to restore, newest first. The ledger's users
 * are in the damaged file, so whoever restores first signs in as a manager or administrator of
 * the chosen backup (checked against that backup's users; see README, Backups).
 */
function RecoverySignIn({ fileName, onSignedIn, onClose }: { fileName: string; onSignedIn: (signIn: { username: string; secret: string }) => void; onClose: () => void }) {
  const { t } = useTranslation('backups');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('recovery.signIn.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (username.trim() && secret) onSignedIn({ username: username.trim(), secret });
        }}
      >
        <Stack gap="sm" data-testid="recovery-sign-in">
          <Text size="sm">{t('recovery.signIn.lead', { fileName })}</Text>
          <TextInput label={t('recovery.signIn.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoComplete="off" data-autofocus required />
          <PasswordInput label={t('recovery.signIn.secret')} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} required />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('preview.cancel')}
            </Button>
            <Button type="submit">{t('recovery.signIn.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function RecoveryScreen({ detail }: { detail: string }) {
  const { t, i18n } = useTranslation('backups');
  const list = useApiQuery(() => getApi()['backups.list']({}), []);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [signIn, setSignIn] = useState<{ username: string; secret: string } | null>(null);
  const close = () => {
    setRestoring(null);
    setSignIn(null);
  };
  return (
    <Container size="lg" py="xl" data-testid="recovery-screen">
      <Stack gap="lg">
        {/* The stored language is in the damaged ledger; the choice here lasts until the app reloads. */}
        <Group justify="flex-end">
          <SegmentedControl
            aria-label="语言 / Language"
            value={toLocale(i18n.language)}
            onChange={(value) => void i18n.changeLanguage(value)}
            data={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
        </Group>
        <Alert color="red" variant="filled" icon={<IconAlertOctagon size={28} />} title={<Title order={2}>{t('recovery.title')}</Title>}>
          <Text>{t('recovery.lead')}</Text>
        </Alert>
        <Paper withBorder radius="md" p="lg">
          <Stack gap="xs">
            <Text fw={600}>{t('recovery.detail')}</Text>
            <Code block>{detail || '—'}</Code>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="lg">
          <QueryBody
            query={list}
            isEmpty={(d) => d.backups.length === 0}
            empty={
              <Stack gap="xs">
                <Text>{t('recovery.noBackups')}</Text>
                <Code>{list.data?.folder ?? ''}</Code>
              </Stack>
            }
          >
            {(d) => (
              <Stack gap="sm">
                <Text fw={600}>{t('recovery.chooseBackup')}</Text>
                <BackupTable backups={d.backups} onRestore={setRestoring} markNewest />
                <Text size="sm" c="dimmed">
                  {t('recovery.kept')}
                </Text>
              </Stack>
            )}
          </QueryBody>
        </Paper>
      </Stack>
      {restoring && !signIn && <RecoverySignIn fileName={restoring} onSignedIn={setSignIn} onClose={close} />}
      {restoring && signIn && <RestoreModal fileName={restoring} signIn={signIn} onRetry={() => setSignIn(null)} onClose={close} onRestored={(done) => reloadAfterRestore(t, done)} />}
    </Container>
  );
}

import { Button, Group, Overlay, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { SecretForm } from './SecretForm';
import { UserChooser } from './UserChooser';

export interface LockScreenProps {
  status: AuthStatus;
  /** Unlocked by the same user, or another user signed in (the quick switch). */
  onSignedIn: (status: AuthStatus) => void;
  onSignOut: () => void;
  /** Open on the user list (the header's "switch user") rather than on the unlock field. */
  switching?: boolean;
}

/**
 * Drawn over the app, which stays mounted underneath: a half-entered order is still there after
 * unlocking. The screen below is blurred so nothing on it can be read from the locked PC.
 */
export function LockScreen({ status, onSignedIn, onSignOut, switching = false }: LockScreenProps) {
  const { t } = useTranslation('signIn');
  const [choosing, setChoosing] = useState(switching);
  const name = status.user?.displayName ?? '';
  return (
    <Overlay fixed blur={12} backgroundOpacity={0.55} zIndex={2000} center>
      <Paper withBorder shadow="xl" radius="md" p="xl" w={440} maw="95vw" role="dialog" aria-modal aria-label={t('lockedTitle')} data-testid="lock-screen">
        <Stack gap="md">
          <Group gap="sm">
            <IconLock size={26} />
            <Title order={2} fz={22}>
              {choosing ? t('switchUser') : t('lockedTitle')}
            </Title>
          </Group>
          {choosing ? (
            <UserChooser choices={status.users} onSignedIn={onSignedIn} />
          ) : (
            <>
              <Text>{t('lockedIntro', { name })}</Text>
              <SecretForm
                kind={status.user?.credentialKind ?? 'password'}
                submitLabel={t('unlock')}
                onSubmit={async (secret) => onSignedIn(await getApi()['auth.unlock']({ secret }))}
              />
            </>
          )}
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setChoosing((c) => !c)} data-testid="lock-switch-user">
              {choosing ? t('back') : t('switchUser')}
            </Button>
            <Button variant="subtle" color="red" onClick={onSignOut}>
              {t('signOut')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Overlay>
  );
}

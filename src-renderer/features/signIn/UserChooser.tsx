import { Button, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus, SignInChoice } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { SecretForm } from './SecretForm';

export interface UserChooserProps {
  choices: SignInChoice[];
  onSignedIn: (status: AuthStatus) => void;
}

/**
 * Who is at the PC: the PC's users as big buttons (a shared PC is used by taking turns), or a
 * typed user name, then their password or PIN.
 */
export function UserChooser({ choices, onSignedIn }: UserChooserProps) {
  const { t } = useTranslation('signIn');
  const [chosen, setChosen] = useState<{ username: string; kind: 'password' | 'pin' } | null>(null);
  const [typed, setTyped] = useState('');

  if (chosen) {
    return (
      <Stack gap="md">
        <Text fw={700} size="lg" data-testid="chosen-user">
          {choices.find((c) => c.username === chosen.username)?.displayName ?? chosen.username}
        </Text>
        <SecretForm
          kind={chosen.kind}
          submitLabel={t('submit')}
          onSubmit={async (secret) => onSignedIn(await getApi()['auth.signIn']({ username: chosen.username, secret }))}
        />
        <Button variant="subtle" onClick={() => setChosen(null)}>
          {t('back')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {choices.length === 0 && <Text c="dimmed">{t('noUsers')}</Text>}
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" data-testid="user-choices">
        {choices.map((c) => (
          <UnstyledButton
            key={c.id}
            onClick={() => setChosen({ username: c.username, kind: c.credentialKind })}
            p="md"
            style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}
            aria-label={c.displayName}
          >
            <Stack gap={4} align="center">
              <IconUser size={28} />
              <Text fw={600}>{c.displayName}</Text>
              <Text size="xs" c="dimmed">
                {c.username}
              </Text>
            </Stack>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim() !== '') setChosen({ username: typed.trim().toLowerCase(), kind: 'password' });
        }}
      >
        <TextInput label={t('otherUser')} placeholder={t('username')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} autoComplete="username" />
      </form>
    </Stack>
  );
}

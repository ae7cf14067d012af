import { Box, Container, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../src-main/contract';
import { UserChooser } from './UserChooser';

export interface SignInScreenProps {
  status: AuthStatus;
  onSignedIn: (status: AuthStatus) => void;
}

/** The first screen once the branch is set up: nobody works in the ledger without signing in. */
export function SignInScreen({ status, onSignedIn }: SignInScreenProps) {
  const { t } = useTranslation('signIn');
  useEffect(() => {
    document.title = `${t('title')} · ${t('common:app.name')}`;
  }, [t]);
  return (
    <Box mih="100dvh" bg="gray.0" py={{ base: 'md', sm: 48 }} data-testid="sign-in-screen">
      <Container size={560}>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          <Stack gap="lg">
            <Group gap="sm">
              <ThemeIcon size={44} radius="md">
                <IconBuildingStore size={26} />
              </ThemeIcon>
              <Stack gap={0}>
                <Text fw={800} fz="xl">
                  {t('common:app.name')}
                </Text>
                <Text c="dimmed" fz="sm">
                  {t('intro')}
                </Text>
              </Stack>
            </Group>
            <Title order={1} fz={24}>
              {t('title')}
            </Title>
            <UserChooser choices={status.users} onSignedIn={onSignedIn} />
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}

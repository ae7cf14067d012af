import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './errors';

export interface ErrorStateProps {
  error: unknown;
  /** Shown as a "Try again" button when given. */
  onRetry?: () => void;
  title?: ReactNode;
  minHeight?: number | string;
  /** Extra actions next to "Try again" (e.g. a back link). */
  actions?: ReactNode;
}

/** A failed load: what went wrong, in words, and a way to try again. */
export function ErrorState({ error, onRetry, title, minHeight = 200, actions }: ErrorStateProps) {
  const { t } = useTranslation('common');
  return (
    <Center mih={minHeight} p="md">
      <Stack align="center" gap="sm" maw={560} role="alert">
        <ThemeIcon size={52} radius="xl" color="red" variant="light">
          <IconAlertTriangle size={30} />
        </ThemeIcon>
        <Title order={3} ta="center">
          {title ?? t('states.errorTitle')}
        </Title>
        <Text ta="center">{errorMessage(t, error)}</Text>
        {(onRetry || actions) && (
          <Stack gap="xs" align="center" mt="xs">
            {onRetry && (
              <Button leftSection={<IconRefresh size={18} />} onClick={onRetry}>
                {t('actions.retry')}
              </Button>
            )}
            {actions}
          </Stack>
        )}
      </Stack>
    </Center>
  );
}

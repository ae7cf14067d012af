import { Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface LoadingStateProps {
  /** Text under the spinner; defaults to "Loading…". */
  label?: ReactNode;
  /** Minimum height of the area, so the layout does not jump when content arrives. */
  minHeight?: number | string;
  /**
   * Wait this long before showing anything: most local answers arrive in a few milliseconds,
   * and a spinner that flashes for one frame reads as flicker. 0 shows it at once.
   */
  delayMs?: number;
}

export function LoadingState({ label, minHeight = 200, delayMs = 150 }: LoadingStateProps) {
  const { t } = useTranslation('common');
  const [visible, setVisible] = useState(delayMs === 0);
  useEffect(() => {
    if (delayMs === 0) return;
    const timer = window.setTimeout(() => setVisible(true), delayMs);
    return () => window.clearTimeout(timer);
  }, [delayMs]);
  return (
    <Center mih={minHeight} role="status" aria-live="polite" aria-busy="true">
      {visible && (
        <Stack align="center" gap="sm">
          <Loader size="md" />
          <Text c="dimmed">{label ?? t('states.loading')}</Text>
        </Stack>
      )}
    </Center>
  );
}

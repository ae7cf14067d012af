import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface PageHeaderProps {
  title: ReactNode;
  /** Plain text for the window title when `title` is not a string. */
  documentTitle?: string;
  subtitle?: ReactNode;
  /** Buttons on the right. */
  actions?: ReactNode;
  /** A hash route ('/products') shown as a back link above the title. */
  backTo?: string;
  backLabel?: ReactNode;
  /** Badges or small facts next to the title. */
  badges?: ReactNode;
}

/**
 * The top of every screen: title, optional back link, badges and actions. Sets the window title.
 * It has no outer margin: screens stack it with their content at their own gap.
 */
export function PageHeader({ title, documentTitle, subtitle, actions, backTo, backLabel, badges }: PageHeaderProps) {
  const { t } = useTranslation('common');
  const windowTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);
  const appName = t('app.name');
  useEffect(() => {
    document.title = windowTitle ? `${windowTitle} · ${appName}` : appName;
  }, [windowTitle, appName]);

  return (
    <Stack gap={4}>
      {backTo && (
        <Anchor href={`#${backTo}`} size="sm" w="fit-content">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} />
            {backLabel ?? t('actions.back')}
          </Group>
        </Anchor>
      )}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" align="center" wrap="wrap">
            <Title order={2}>{title}</Title>
            {badges}
          </Group>
          {subtitle && <Text c="dimmed">{subtitle}</Text>}
        </Stack>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Stack>
  );
}

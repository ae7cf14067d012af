import { Anchor, Badge, Group, List, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader';

export interface ComingSoonProps {
  title: string;
  summary: string;
  /** What the area will do, one line each. */
  capabilities: readonly string[];
  icon?: ReactNode;
  /** Links to what already works, so the page is a signpost and not a dead end. */
  available?: { href: string; label: string }[];
}

/** An honest placeholder: this area is not built yet, here is what it will do. */
export function ComingSoon({ title, summary, capabilities, icon, available }: ComingSoonProps) {
  const { t } = useTranslation('common');
  return (
    <Stack gap="md" maw={820}>
      <PageHeader
        title={title}
        subtitle={summary}
        badges={
          <Badge color="gray" variant="light" size="lg">
            {t('comingSoon.badge')}
          </Badge>
        }
      />
      <Paper withBorder p="lg" radius="md">
        <Group align="flex-start" wrap="nowrap" gap="lg">
          {icon && (
            <ThemeIcon size={56} radius="md" variant="light" color="gray">
              {icon}
            </ThemeIcon>
          )}
          <Stack gap="sm" style={{ flex: 1 }}>
            <Text fw={500}>{t('comingSoon.intro')}</Text>
            <List
              spacing="xs"
              icon={
                <ThemeIcon size={22} radius="xl" variant="light">
                  <IconCircleCheck size={16} />
                </ThemeIcon>
              }
            >
              {capabilities.map((c) => (
                <List.Item key={c}>{c}</List.Item>
              ))}
            </List>
          </Stack>
        </Group>
      </Paper>
      {available && available.length > 0 && (
        <Stack gap={4}>
          <Text c="dimmed">{t('comingSoon.meanwhile')}</Text>
          {available.map((a) => (
            <Anchor key={a.href} href={`#${a.href}`}>
              {a.label}
            </Anchor>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

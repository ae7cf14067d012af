import { Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../lib/router';
import { catalogue, type CatalogueEntry } from './reportCatalogue';

const groups: CatalogueEntry['group'][] = ['stock', 'sales', 'control'];

/** Every report, grouped as accountants look for them; each card opens the report. */
export function ReportsPage() {
  const { t } = useTranslation('reports');
  return (
    <Stack gap="lg">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {groups.map((group) => (
        <Stack key={group} gap="xs">
          <Title order={2} size="h4">
            {t(`groups.${group}`)}
          </Title>
          <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="sm">
            {catalogue
              .filter((r) => r.group === group)
              .map((r) => (
                <UnstyledButton key={r.id} onClick={() => navigate(`/reports/${r.id}`)} data-testid={`report-${r.id}`} aria-label={t(`reports.${r.id}.title`)}>
                  <Paper withBorder radius="md" p="md" h="100%">
                    <Text fw={700}>{t(`reports.${r.id}.title`)}</Text>
                    <Text size="sm" c="dimmed">
                      {t(`reports.${r.id}.text`)}
                    </Text>
                  </Paper>
                </UnstyledButton>
              ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

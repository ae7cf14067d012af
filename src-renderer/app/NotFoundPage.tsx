import { Button } from '@mantine/core';
import { IconHome, IconRouteOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { homePath } from './navigation';

export function NotFoundPage({ path }: { path: string }) {
  const { t } = useTranslation('common');
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState
        icon={<IconRouteOff size={28} />}
        title={t('notFound.title')}
        description={t('notFound.description', { path })}
        action={
          <Button component="a" href={`#${homePath}`} leftSection={<IconHome size={18} />}>
            {t('actions.goHome')}
          </Button>
        }
      />
    </>
  );
}

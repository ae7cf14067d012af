import { Button } from '@mantine/core';
import { IconHome, IconRouteOff } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { homePath } from './navigation';

export function NotFoundPage({ path }: { path: string }) {
  const { t } = useTranslation('common');
  const title = `${t('notFound.title')} · ${t('app.name')}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <EmptyState
      icon={<IconRouteOff size={28} />}
      title={t('notFound.title')}
      description={t('notFound.description', { path })}
      action={
        <Button component="a" href={`#${homePath}`} leftSection={<IconHome size={18} />}>
          {t('actions.goHome')}
        </Button>
      }
      minHeight={400}
    />
  );
}

import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCloudCheck, IconCloudOff, IconCloudUpload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toLocale } from '../../components/format';
import { healthColor, syncHealth, timeAgo, type SyncHealth } from './syncText';
import { useSyncStatus } from './useSyncStatus';

const icons: Record<SyncHealth, ReactNode> = {
  synced: <IconCloudCheck size={16} />,
  pending: <IconCloudUpload size={16} />,
  offline: <IconCloudOff size={16} />,
  error: <IconAlertTriangle size={16} />,
};

/**
 * The header's sync badge: synced / N to send / offline / error, linking to the Sync page.
 * Nothing at all while the PC is not enrolled — without a server the app looks as it always did.
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation('sync');
  const locale = toLocale(i18n.language);
  const { status, readAt } = useSyncStatus(10_000);
  if (!status?.configured) return null;
  const health = syncHealth(status);
  const label = health === 'pending' ? t('state.pending', { count: status.pending }) : t(`state.${health}`);
  const lastSync = status.lastSyncAt ? `${t('facts.lastSync')}: ${timeAgo(status.lastSyncAt, readAt, locale)}` : t('facts.never');
  return (
    <Tooltip label={lastSync}>
      <Badge
        component="a"
        href="#/sync"
        size="lg"
        variant="light"
        radius="sm"
        color={healthColor[health]}
        leftSection={icons[health]}
        style={{ textTransform: 'none', cursor: 'pointer' }}
        aria-label={`${t('title')}: ${label}`}
        data-testid="sync-indicator"
        data-health={health}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

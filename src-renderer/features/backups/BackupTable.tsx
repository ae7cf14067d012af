import { Badge, Button, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../src-main/contract';
import { formatDateTime, formatNumber, toLocale } from '../../components/format';
import { formatBytes } from './backupText';

/** The backups, newest first, each with its restore button. */
export function BackupTable({ backups, onRestore, markNewest = false }: { backups: BackupInfo[]; onRestore: (fileName: string) => void; markNewest?: boolean }) {
  const { t, i18n } = useTranslation('backups');
  const locale = toLocale(i18n.language);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover data-testid="backup-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('col.time')}</Table.Th>
            <Table.Th>{t('col.kind')}</Table.Th>
            <Table.Th ta="right">{t('col.size')}</Table.Th>
            <Table.Th>{t('col.version')}</Table.Th>
            <Table.Th ta="right">{t('col.documents')}</Table.Th>
            <Table.Th>{t('col.verified')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {backups.map((b, i) => (
            <Table.Tr key={b.fileName} data-testid="backup-row">
              <Table.Td>
                {formatDateTime(b.createdAt, locale)}
                {markNewest && i === 0 && (
                  <Badge ml="xs" color="teal" variant="light">
                    {t('recovery.latest')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={b.kind === 'daily' ? 'blue' : b.kind === 'manual' ? 'grape' : 'gray'}>
                  {t(`kind.${b.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{formatBytes(b.sizeBytes, locale)}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {b.appVersion ?? '—'} / {b.schemaVersion ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{b.documents ? formatNumber(b.documents.reduce((s, d) => s + d.count, 0), locale) : '—'}</Table.Td>
              <Table.Td>
                {b.verified ? (
                  <Text size="sm" c="teal">
                    <IconCircleCheck size={16} style={{ verticalAlign: 'text-bottom' }} /> {t('verified')}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('notVerified')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="light" leftSection={<IconRestore size={16} />} onClick={() => onRestore(b.fileName)}>
                  {t('restore')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

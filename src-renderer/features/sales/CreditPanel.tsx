import { Group, Paper, Stack, Text } from '@mantine/core';
import { IconCloudOff, IconCloudCheck } from '@tabler/icons-react';
import type { CreditStatus } from '../../../src-main/contract';
import { useAppInfo } from '../../components/useAppInfo';
import type { SalesText } from './useSalesText';

/**
 * A customer's credit as this PC knows it: limit, receivables, open orders, what is left and
 * what is overdue, and how old the knowledge of other PCs' documents is (offline, the check
 * runs on the last synced receivables).
 */
export function CreditPanel({ credit, text, orderFen }: { credit: CreditStatus; text: SalesText; orderFen?: number }) {
  const { t } = text;
  const { info } = useAppInfo();
  const after = orderFen === undefined ? null : credit.availableFen - orderFen;
  const figure = (label: string, fen: number, testId: string, color?: string) => (
    <Stack gap={0} miw={110}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} c={color} data-testid={testId} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {text.money(fen)}
      </Text>
    </Stack>
  );
  return (
    <Paper withBorder p="sm" radius="md" data-testid="credit-panel">
      <Group gap="lg" wrap="wrap" align="flex-start">
        {figure(t('credit.limit'), credit.limitFen, 'credit-limit')}
        {figure(t('credit.receivable'), credit.receivableFen, 'credit-receivable')}
        {figure(t('credit.openOrders'), credit.openOrdersFen, 'credit-open')}
        {figure(t('credit.available'), credit.availableFen, 'credit-available', credit.availableFen < 0 ? 'red.8' : undefined)}
        {figure(t('credit.overdue'), credit.overdueFen, 'credit-overdue', credit.overdueFen > 0 ? 'red.8' : undefined)}
        {after !== null && figure(t('credit.afterOrder'), after, 'credit-after', after < 0 ? 'red.8' : 'teal.8')}
      </Group>
      <Group gap={6} mt="xs" c="dimmed">
        {credit.syncedAt === null ? <IconCloudOff size={16} /> : <IconCloudCheck size={16} />}
        <Text size="xs" data-testid="credit-synced">
          {credit.syncedAt === null ? t('credit.neverSynced') : t('credit.syncedAt', { time: text.dateTime(credit.syncedAt, info.branch?.timeZone) })}
        </Text>
      </Group>
    </Paper>
  );
}

import { Progress, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesTargets } from '../../src-main/contract';
import { formatMoney, formatRatio, toLocale } from './format';

/**
 * Sales targets and attainment per salesperson (销售目标达成), with a bar per row — teal at 100 %
 * and over, yellow from 80 % — and the desk's total. `action` renders an extra cell per row
 * (the finance screen's edit button).
 */
export function TargetsTable({ targets, action }: { targets: SalesTargets; action?: (salesperson: string) => ReactNode }) {
  const { t, i18n } = useTranslation('common');
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  if (targets.rows.length === 0) return <Text c="dimmed">{t('targets.empty')}</Text>;
  const bar = (ratio: number | null) =>
    ratio === null ? null : <Progress value={Math.min(100, Math.max(0, ratio * 100))} color={ratio >= 1 ? 'teal' : ratio >= 0.8 ? 'yellow' : 'blue'} size="sm" aria-hidden />;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing="xs" data-testid="targets-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('targets.salesperson')}</Table.Th>
            <Table.Th ta="right">{t('targets.target')}</Table.Th>
            <Table.Th ta="right">{t('targets.actual')}</Table.Th>
            <Table.Th ta="right">{t('targets.attainment')}</Table.Th>
            <Table.Th w={160} />
            {action && <Table.Th w={60} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {targets.rows.map((r) => (
            <Table.Tr key={r.salesperson} data-testid="target-row">
              <Table.Td>{r.salesperson === '' ? t('targets.noSalesperson') : r.salesperson}</Table.Td>
              <Table.Td ta="right">{r.targetFen === null ? t('targets.noTarget') : formatMoney(r.targetFen, locale)}</Table.Td>
              <Table.Td ta="right">{formatMoney(r.actualFen, locale)}</Table.Td>
              <Table.Td ta="right" fw={600} data-testid="attainment">
                {formatRatio(r.attainment, locale)}
              </Table.Td>
              <Table.Td>{bar(r.attainment)}</Table.Td>
              {action && <Table.Td>{r.salesperson !== '' && action(r.salesperson)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>{t('targets.total')}</Table.Th>
            <Table.Th ta="right">{formatMoney(targets.totals.targetFen, locale)}</Table.Th>
            <Table.Th ta="right">{formatMoney(targets.totals.actualFen, locale)}</Table.Th>
            <Table.Th ta="right">{formatRatio(targets.totals.attainment, locale)}</Table.Th>
            <Table.Th>{bar(targets.totals.attainment)}</Table.Th>
            {action && <Table.Th />}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

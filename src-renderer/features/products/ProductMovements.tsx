import { Alert, Anchor, Button, Group, Loader, Pagination, Paper, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatTime, toLocale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PackQuantity } from '../../components/PackQuantity';
import { useApiQuery } from '../../components/useApiQuery';
import classes from './ProductDetail.module.css';

const pageSize = 50;

/** The product's ledger, newest first, a page at a time; each line links to its document. */
export function ProductMovements({ product, timeZone }: { product: ProductDetail; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation('products');
  const locale = toLocale(i18n.language);
  const [page, setPage] = useState(1);
  const movements = useApiQuery(
    () => getApi()['stock.movements']({ productId: product.id, offset: (page - 1) * pageSize, limit: pageSize }),
    [product.id, page],
    { keepPreviousData: true },
  );
  const data = movements.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;

  let content;
  if (movements.error && !data) {
    content = <ErrorState error={movements.error} title={t('detail.movementsFailed')} onRetry={movements.reload} minHeight={160} />;
  } else if (!data) {
    content = <LoadingState minHeight={160} />;
  } else if (data.total === 0) {
    content = <EmptyState icon={<IconHistory size={28} />} title={t('detail.movementsEmptyTitle')} description={t('detail.movementsEmptyDescription')} minHeight={140} />;
  } else {
    content = (
      <>
        {movements.error !== undefined && (
          <Alert color="orange" mb="sm" icon={<IconAlertTriangle size={18} />} title={t('detail.movementsFailed')}>
            <Group justify="space-between">
              <Text fz="sm">{errorMessage(t, movements.error)}</Text>
              <Button size="xs" variant="white" onClick={movements.reload}>
                {t('common:actions.retry')}
              </Button>
            </Group>
          </Alert>
        )}
        <Table.ScrollContainer minWidth={640}>
          <Table
            highlightOnHover
            striped
            verticalSpacing={6}
            horizontalSpacing="xs"
            className={classes.movements}
            style={{ opacity: movements.loading ? 0.6 : 1 }}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('detail.date')}</Table.Th>
                <Table.Th>{t('detail.docNo')}</Table.Th>
                <Table.Th>{t('detail.warehouse')}</Table.Th>
                <Table.Th>{t('detail.lot')}</Table.Th>
                <Table.Th ta="right">{t('detail.movementQty')}</Table.Th>
                <Table.Th ta="right">{t('detail.movementValue')}</Table.Th>
                <Table.Th ta="right" title={t('detail.balanceAfterHint')}>
                  {t('detail.balanceAfter')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((m) => {
                const color = m.qty > 0 ? 'teal.8' : m.qty < 0 ? 'red.8' : undefined;
                // Most movements are posted on their business day: then the time alone says when.
                const postedSameDay = formatDate(m.createdAt, locale, timeZone) === formatDate(m.businessDate, locale);
                return (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text fz="sm">{formatDate(m.businessDate, locale)}</Text>
                      <Text fz="xs" c="dimmed" title={`${t('detail.time')} ${formatDateTime(m.createdAt, locale, timeZone)}`}>
                        {postedSameDay ? formatTime(m.createdAt, timeZone) : formatDateTime(m.createdAt, locale, timeZone)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {m.docNo ? (
                        <Anchor href={`#/stock/documents/${encodeURIComponent(m.documentId)}`} ff="monospace" fz="sm" title={t('detail.openDocument', { docNo: m.docNo })}>
                          {m.docNo}
                        </Anchor>
                      ) : (
                        <Text fz="sm">—</Text>
                      )}
                      <Text fz="xs" c="dimmed">
                        {t(`common:docTypes.${m.documentType}`, { defaultValue: m.documentType })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" truncate maw={160} title={m.warehouseName}>
                        {m.warehouseName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text ff="monospace" fz="sm">
                        {m.lotCode || '—'}
                      </Text>
                      {m.expiryDate && (
                        <Text fz="xs" c="dimmed" title={t('detail.expiry')}>
                          {formatDate(m.expiryDate, locale)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" fw={700} c={color} className={classes.packs}>
                      <PackQuantity qty={m.qty} units={product.units} locale={locale} signed />
                    </Table.Td>
                    <Table.Td ta="right" c={color}>
                      {formatMoney(m.valueFen, locale)}
                    </Table.Td>
                    <Table.Td ta="right" className={classes.packs}>
                      <PackQuantity qty={m.balanceAfter} units={product.units} locale={locale} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {pages > 1 && (
          <Group justify="center" mt="md">
            <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} siblings={1} boundaries={1} />
          </Group>
        )}
      </>
    );
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={3}>{t('detail.movements')}</Title>
          {movements.loading && data && <Loader size="xs" />}
        </Group>
        {data && data.total > 0 && (
          <Text c="dimmed" fz="sm">
            {t('detail.movementsCount', { count: data.total, n: formatNumber(data.total, locale) })}
          </Text>
        )}
      </Group>
      {content}
    </Paper>
  );
}

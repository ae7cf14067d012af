import { Alert, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/errors';
import { ExportMenu } from '../../components/ExportMenu';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';

const pageSize = 200;
const rowHeight = 52;
const entities = ['stock_document', 'stock_count', 'sales_order', 'customer_return', 'supplier_return', 'purchase_order', 'user', 'settings', 'branch', 'customer', 'audit_log'];
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function timeText(at: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
}

/**
 * The audit trail, newest first, filtered by user, entity, action, business dates and text. The
 * list is virtual and loads 200 entries at a time as it scrolls, so a year of entries stays fast.
 */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const { info } = useAppInfo();
  const users = useApiQuery(() => getApi()['users.list']({}).catch(() => []), []);
  const [userId, setUserId] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(null);
  const [action, setAction] = useState('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 200);
  const [actionQ] = useDebouncedValue(action, 200);
  const filter = {
    ...(userId ? { userId } : {}),
    ...(entity ? { entity } : {}),
    ...(actionQ.trim() ? { action: actionQ.trim() } : {}),
    ...(datePattern.test(dateFrom) ? { dateFrom } : {}),
    ...(datePattern.test(dateTo) ? { dateTo } : {}),
    q: q.trim(),
  };
  const key = JSON.stringify(filter);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loading = useRef(false);
  const generation = useRef(0);

  const loadMore = (reset: boolean) => {
    if (loading.current && !reset) return;
    loading.current = true;
    const gen = reset ? ++generation.current : generation.current;
    const offset = reset ? 0 : rows.length;
    getApi()['audit.search']({ ...filter, offset, limit: pageSize })
      .then((page) => {
        if (gen !== generation.current) return;
        setRows((r) => (reset ? page.rows : [...r, ...page.rows]));
        setTotal(page.total);
        setError(null);
      })
      .catch((e: unknown) => gen === generation.current && setError(e))
      .finally(() => {
        if (gen === generation.current) loading.current = false;
      });
  };

  useEffect(() => {
    setRows([]);
    setTotal(null);
    loadMore(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filter's text is the dependency
  }, [key]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total !== null && rows.length < total && last >= rows.length - 20) loadMore(false);
  });

  const userOptions = (users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  return (
    <Stack gap="md">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={<ExportMenu formats={['xlsx', 'csv']} make={(format) => getApi()['audit.export']({ ...filter, format: format === 'pdf' ? 'xlsx' : format })} />}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t('filters.user')} placeholder={t('filters.all')} data={userOptions} value={userId} onChange={setUserId} clearable searchable w={200} data-testid="audit-user" />
        <Select label={t('filters.entity')} placeholder={t('filters.all')} data={entities} value={entity} onChange={setEntity} clearable w={170} />
        <TextInput label={t('filters.action')} value={action} onChange={(e) => setAction(e.currentTarget.value)} w={150} placeholder="sales." />
        <TextInput label={t('filters.from')} value={dateFrom} onChange={(e) => setDateFrom(e.currentTarget.value)} w={130} placeholder="YYYY-MM-DD" data-testid="audit-from" />
        <TextInput label={t('filters.to')} value={dateTo} onChange={(e) => setDateTo(e.currentTarget.value)} w={130} placeholder="YYYY-MM-DD" data-testid="audit-to" />
        <TextInput label={t('filters.text')} leftSection={<IconSearch size={16} />} value={text} onChange={(e) => setText(e.currentTarget.value)} w={200} data-testid="audit-text" />
      </Group>
      {error !== null && <Alert color="red">{errorMessage(t, error)}</Alert>}
      <Text size="sm" c="dimmed" data-testid="audit-total">
        {total === null ? '…' : t('total', { count: total })}
      </Text>
      <Paper withBorder radius="md">
        {total === 0 ? (
          <EmptyState title={t('empty')} />
        ) : (
          <div ref={scrollRef} style={{ height: 'calc(100dvh - 330px)', minHeight: 300, overflow: 'auto' }} data-testid="audit-list" role="list">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const r = rows[item.index];
                if (!r) return null;
                return (
                  <div
                    key={r.id}
                    role="listitem"
                    data-testid="audit-row"
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)`, borderBottom: '1px solid var(--mantine-color-gray-2)', padding: '4px 12px' }}
                  >
                    <Group gap="md" wrap="nowrap">
                      <Text size="sm" ff="monospace" w={170} style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
                        {timeText(r.at, info.branch?.timeZone)}
                      </Text>
                      <Text size="sm" fw={600} w={110} truncate style={{ flexShrink: 0 }}>
                        {r.userName ?? r.userId}
                      </Text>
                      <Text size="sm" w={170} truncate style={{ flexShrink: 0 }}>
                        {r.action}
                      </Text>
                      <Text size="sm" c="dimmed" w={120} truncate style={{ flexShrink: 0 }}>
                        {r.entity}
                      </Text>
                      <Text size="xs" ff="monospace" truncate title={`${r.before ?? '—'} → ${r.after ?? '—'}`}>
                        {`${r.before ?? '—'} → ${r.after ?? '—'}`}
                      </Text>
                    </Group>
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </Paper>
    </Stack>
  );
}

import { ActionIcon, Alert, Anchor, Badge, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Switch, Table, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconDeviceFloppy, IconPencil } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatePosting, SalesTargets } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { errorCode, errorMessage, fieldErrors, fieldIssueMessage } from '../../components/errors';
import { ExportMenu } from '../../components/ExportMenu';
import { followExportJob } from '../../components/followExportJob';
import { formatDate, formatDateTime, toLocale } from '../../components/format';
import { fenToYuanText, parseYuanToFen } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { QueryBody } from '../../components/QueryBody';
import { TargetsTable } from '../../components/TargetsTable';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate, useLocation } from '../../lib/router';

type Tab = 'late' | 'vouchers' | 'targets';
const tabs: readonly Tab[] = ['late', 'vouchers', 'targets'];
type T = (key: string, options?: Record<string, unknown>) => string;

function useT(): { t: T; locale: ReturnType<typeof toLocale> } {
  const { t: rawT, i18n } = useTranslation('finance');
  return { t: (key, options) => String(rawT(key, options as never)), locale: toLocale(i18n.resolvedLanguage ?? i18n.language) };
}

/** Accountants, managers and admins hold periods.lock, accounting.export and targets.write. */
function useMayKeepBooks(): boolean {
  const role = useAppInfo().info.user?.role;
  return role === 'accountant' || role === 'manager' || role === 'admin';
}

/** '/finance': the accountant's screen, one tab each for late postings, the voucher export and sales targets. */
export function FinancePage() {
  const { t } = useT();
  const { query } = useLocation();
  const tab = (tabs as readonly string[]).includes(query.get('tab') ?? '') ? (query.get('tab') as Tab) : 'late';
  return (
    <Stack gap="md">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs value={tab} onChange={(v) => navigate('/finance', { tab: v ?? 'late' })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`tab-${k}`}>
              {t(`tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="late" pt="md">
          <LatePostingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="vouchers" pt="md">
          <VouchersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="targets" pt="md">
          <TargetsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The late-postings list (迟到单据), open ones first; select and acknowledge. */
function LatePostingsPanel() {
  const { t, locale } = useT();
  const timeZone = useAppInfo().info.branch?.timeZone;
  const allowed = useMayKeepBooks();
  const [showAll, setShowAll] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const list = useApiQuery(() => (allowed ? getApi()['periods.latePostings']({ includeAcknowledged: showAll, limit: 500 }) : Promise.resolve(null)), [showAll, allowed], {
    keepPreviousData: true,
  });
  const docType = (r: LatePosting) => (r.documentKind === 'stock_document' ? t(`common:docTypes.${r.docType}`) : t(`late.kinds.${r.documentKind}`));

  async function acknowledge(ids: string[]) {
    setBusy(true);
    try {
      await getApi()['periods.acknowledgeLate']({ ids });
      notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('late.acknowledgedDone', { count: ids.length }) });
      setSelected(new Set());
      list.reload();
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e), autoClose: false });
    } finally {
      setBusy(false);
    }
  }

  if (!allowed) return <Text c="dimmed">{t('common:errors.FORBIDDEN')}</Text>;
  return (
    <Stack gap="sm">
      <Text c="dimmed">{t('late.description')}</Text>
      <Group justify="space-between">
        <Group gap="sm">
          <Switch label={t('late.showAcknowledged')} checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} />
          {list.data && (
            <Badge color={list.data.open > 0 ? 'orange' : 'gray'} variant="light" data-testid="late-open-count">
              {t('late.openCount', { count: list.data.open })}
            </Badge>
          )}
        </Group>
        <Button disabled={selected.size === 0} loading={busy} onClick={() => void acknowledge([...selected])} leftSection={<IconCheck size={18} />} data-testid="acknowledge-selected">
          {t('late.acknowledgeSelected', { count: selected.size })}
        </Button>
      </Group>
      <Paper withBorder radius="md">
        <QueryBody query={list} isEmpty={(d) => !d || d.rows.length === 0} empty={<EmptyState title={t('late.emptyTitle')} description={t('late.emptyText')} />}>
          {(d) => {
            const open = (d?.rows ?? []).filter((r) => r.acknowledgedAt === null);
            return (
              <Table.ScrollContainer minWidth={860}>
                <Table striped highlightOnHover verticalSpacing="xs" data-testid="late-postings">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>
                        <Checkbox
                          aria-label={t('late.selectAll')}
                          checked={open.length > 0 && open.every((r) => selected.has(r.id))}
                          indeterminate={selected.size > 0 && selected.size < open.length}
                          onChange={(e) => setSelected(e.currentTarget.checked ? new Set(open.map((r) => r.id)) : new Set())}
                        />
                      </Table.Th>
                      <Table.Th>{t('late.docNo')}</Table.Th>
                      <Table.Th>{t('late.docType')}</Table.Th>
                      <Table.Th>{t('late.originalDate')}</Table.Th>
                      <Table.Th>{t('late.postedDate')}</Table.Th>
                      <Table.Th>{t('late.source')}</Table.Th>
                      <Table.Th>{t('late.arrivedAt')}</Table.Th>
                      <Table.Th>{t('late.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(d?.rows ?? []).map((r) => (
                      <Table.Tr key={r.id} data-testid="late-row">
                        <Table.Td>
                          {r.acknowledgedAt === null && (
                            <Checkbox
                              aria-label={t('late.select', { docNo: r.docNo })}
                              checked={selected.has(r.id)}
                              onChange={() =>
                                setSelected((s) => {
                                  const next = new Set(s);
                                  if (next.has(r.id)) next.delete(r.id);
                                  else next.add(r.id);
                                  return next;
                                })
                              }
                            />
                          )}
                        </Table.Td>
                        <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                          {r.documentKind === 'stock_document' ? <Anchor href={`#/stock/documents/${r.documentId}`}>{r.docNo}</Anchor> : r.docNo}
                        </Table.Td>
                        <Table.Td>{docType(r)}</Table.Td>
                        <Table.Td data-testid="late-original">{formatDate(r.originalDate, locale)}</Table.Td>
                        <Table.Td data-testid="late-posted">{formatDate(r.postedDate, locale)}</Table.Td>
                        <Table.Td>
                          <Tooltip label={r.sourceDeviceId}>
                            <Text ff="monospace" fz="sm">
                              {r.sourceDeviceId.slice(-8)}
                            </Text>
                          </Tooltip>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.arrivedAt, locale, timeZone)}</Table.Td>
                        <Table.Td>
                          {r.acknowledgedAt === null ? (
                            <Button size="xs" variant="light" disabled={busy} onClick={() => void acknowledge([r.id])}>
                              {t('late.acknowledge')}
                            </Button>
                          ) : (
                            <Text fz="sm" c="dimmed">
                              {t('late.acknowledged', { user: r.acknowledgedBy ?? '—' })}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            );
          }}
        </QueryBody>
      </Paper>
    </Stack>
  );
}

const monthStartOf = (date: string) => `${date.slice(0, 7)}-01`;

/** The voucher export (凭证导出): a date range and the import layout; the report worker writes the file (accounting.exportStart), with progress and cancel. */
function VouchersPanel() {
  const { t } = useT();
  const today = useAppInfo().info.today ?? '';
  const allowed = useMayKeepBooks();
  const [from, setFrom] = useState(monthStartOf(today));
  const [to, setTo] = useState(today);
  const [layout, setLayout] = useState<'kingdee' | 'yonyou'>('kingdee');
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(error, t);

  if (!allowed) return <Text c="dimmed">{t('vouchers.notAllowed')}</Text>;
  return (
    <Paper withBorder radius="md" p="lg" maw={900}>
      <Stack gap="sm">
        <Text c="dimmed">{t('vouchers.description')}</Text>
        {error !== null && !fields.dateTo && !fields.dateFrom && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {errorMessage(t, error)}
          </Alert>
        )}
        <Group align="flex-end" gap="sm">
          <TextInput type="date" label={t('vouchers.dateFrom')} value={from} onChange={(e) => (setFrom(e.currentTarget.value), setError(null))} error={fields.dateFrom} w={180} data-testid="voucher-from" />
          <TextInput type="date" label={t('vouchers.dateTo')} value={to} max={today} onChange={(e) => (setTo(e.currentTarget.value), setError(null))} error={fields.dateTo} w={180} data-testid="voucher-to" />
          <Stack gap={4}>
            <Text fz="sm" fw={500}>
              {t('vouchers.layout')}
            </Text>
            <SegmentedControl
              aria-label={t('vouchers.layout')}
              value={layout}
              onChange={(v) => setLayout(v === 'yonyou' ? 'yonyou' : 'kingdee')}
              data={[
                { value: 'kingdee', label: t('vouchers.kingdee') },
                { value: 'yonyou', label: t('vouchers.yonyou') },
              ]}
            />
          </Stack>
          <ExportMenu
            label={t('vouchers.export')}
            formats={['xlsx', 'csv']}
            disabled={from === '' || to === ''}
            testId="export-vouchers"
            cancellable
            make={async (format, progress) => {
              setError(null);
              const api = getApi();
              let started;
              try {
                started = await api['accounting.exportStart']({ dateFrom: from, dateTo: to, layout, format: format === 'csv' ? 'csv' : 'xlsx' });
              } catch (e) {
                if (errorCode(e) === 'VALIDATION') setError(e);
                throw e;
              }
              // Written in the report worker: rows so far beside the button, and Cancel while it runs.
              return followExportJob(started, { progress: (jobId) => api['accounting.exportProgress']({ jobId }), cancel: (jobId) => api['accounting.exportCancel']({ jobId }) }, progress);
            }}
          />
        </Group>
        <Text fz="sm" c="dimmed">
          {t('vouchers.mappingHint')}{' '}
          <Anchor href="#/settings" fz="sm">
            {t('vouchers.openSettings')}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}

/** Sales targets (销售目标): the month's table with attainment and a form to set a salesperson's target. */
function TargetsPanel() {
  const { t } = useT();
  const today = useAppInfo().info.today ?? '';
  const allowed = useMayKeepBooks();
  const [month, setMonth] = useState(today.slice(0, 7));
  const [saved, setSaved] = useState<SalesTargets | null>(null);
  const targets = useApiQuery(() => (/^\d{4}-\d{2}$/.test(month) ? getApi()['targets.list']({ month }) : Promise.resolve(null)), [month], { keepPreviousData: true });
  const shown = saved && saved.month === month ? saved : (targets.data ?? null);
  const [salesperson, setSalesperson] = useState('');
  const [amount, setAmount] = useState('');
  const [issue, setIssue] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(error, t);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const fen = parseYuanToFen(amount);
    if (!fen.ok) return setIssue(fieldIssueMessage(t, fen.code));
    setIssue(null);
    setBusy(true);
    try {
      const next = await getApi()['targets.set']({ month, salesperson: salesperson.trim(), targetFen: fen.fen });
      setSaved(next);
      notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('targets.saved', { salesperson: salesperson.trim(), month }) });
      setSalesperson('');
      setAmount('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const banner = error !== null && Object.keys(fields).length === 0 ? error : null;
  return (
    <Stack gap="sm">
      <Text c="dimmed">{t('targets.description')}</Text>
      <TextInput type="month" label={t('targets.month')} value={month} onChange={(e) => (setMonth(e.currentTarget.value), setSaved(null))} w={180} data-testid="targets-month" />
      {allowed ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <Stack gap="xs">
            {banner !== null && (
              <Alert color="red" icon={<IconAlertTriangle size={18} />}>
                {errorMessage(t, banner)}
              </Alert>
            )}
            <Group align="flex-start" gap="sm">
              <TextInput label={t('targets.salesperson')} value={salesperson} onChange={(e) => (setSalesperson(e.currentTarget.value), setError(null))} error={fields.salesperson} w={200} data-testid="target-salesperson" />
              <TextInput
                label={t('targets.amount')}
                description={t('targets.clearHint')}
                value={amount}
                onChange={(e) => (setAmount(e.currentTarget.value), setIssue(null), setError(null))}
                error={issue ?? fields.targetFen}
                inputMode="decimal"
                w={200}
                data-testid="target-amount"
              />
              <Button type="submit" mt={25} loading={busy} disabled={salesperson.trim() === '' || amount.trim() === ''} leftSection={<IconDeviceFloppy size={18} />}>
                {t('targets.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text c="dimmed">{t('targets.notAllowed')}</Text>
      )}
      <Paper withBorder radius="md" p="md">
        {shown ? (
          <TargetsTable
            targets={shown}
            {...(allowed
              ? {
                  action: (name: string) => (
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('targets.edit', { salesperson: name })}
                      onClick={() => {
                        setSalesperson(name);
                        const row = shown.rows.find((r) => r.salesperson === name);
                        setAmount(row?.targetFen ? fenToYuanText(row.targetFen) : '');
                      }}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  ),
                }
              : {})}
          />
        ) : (
          <QueryBody query={targets} isEmpty={() => true} empty={null}>
            {() => null}
          </QueryBody>
        )}
      </Paper>
    </Stack>
  );
}

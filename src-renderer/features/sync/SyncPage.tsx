import { Alert, Anchor, Badge, Button, Collapse, Group, Paper, SimpleGrid, Stack, Table, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import {
  IconAdjustmentsHorizontal,
  IconAlertTriangle,
  IconCheck,
  IconCloudOff,
  IconGitCompare,
  IconPlugConnected,
  IconRefresh,
  IconTruckLoading,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncEnrolled, SyncStatus } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EnrolForm } from '../../components/EnrolForm';
import { errorMessage } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime, formatNumber, toLocale, type Locale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useAppInfo } from '../../components/useAppInfo';
import { healthColor, opName, rejectionText, syncErrorText, syncHealth, timeAgo } from './syncText';
import { announceSyncStatus, useSyncStatus } from './useSyncStatus';

type Translate = (key: string, options?: Record<string, unknown>) => string;

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text fz="sm" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function Section({ title, description, children, color }: { title: string; description?: string; children: ReactNode; color?: string }) {
  return (
    <Paper withBorder radius="md" p="lg" style={color ? { borderColor: `var(--mantine-color-${color}-4)` } : undefined}>
      <Stack gap="sm">
        <div>
          <Title order={3}>{title}</Title>
          {description && <Text c="dimmed">{description}</Text>}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

function StatusCard({ status, readAt, locale, timeZone, t }: { status: SyncStatus; readAt: number; locale: Locale; timeZone?: string; t: Translate }) {
  const health = syncHealth(status);
  const prefix = status.branch ? `${status.branch.code}${status.terminalCode ?? ''}-` : '';
  const clockMinutes = status.clockOffsetMs === null ? 0 : Math.round(Math.abs(status.clockOffsetMs) / 60_000);
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={3}>{t('facts.title')}</Title>
          <Badge size="lg" variant="light" radius="sm" color={healthColor[health]} style={{ textTransform: 'none' }} data-testid="sync-health">
            {health === 'pending' ? t('state.pending', { count: status.pending }) : t(`state.${health}`)}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="lg" verticalSpacing="md">
          <Fact label={t('facts.lastSync')} testId="sync-last">
            {status.lastSyncAt ? (
              <Tooltip label={formatDateTime(status.lastSyncAt, locale, timeZone)}>
                <Text fz="lg" fw={600} w="fit-content">
                  {timeAgo(status.lastSyncAt, readAt, locale)}
                </Text>
              </Tooltip>
            ) : (
              <Text fz="lg" fw={600} c="dimmed">
                {t('facts.never')}
              </Text>
            )}
          </Fact>
          <Fact label={t('facts.pending')} testId="sync-pending">
            <Text fz="lg" fw={700} ff="monospace">
              {formatNumber(status.pending, locale)}
            </Text>
          </Fact>
          <Fact label={t('facts.server')}>
            <Text fz="md" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {status.serverUrl}
            </Text>
          </Fact>
          <Fact label={t('facts.branch')}>
            <Text fz="md" fw={600}>
              {status.branch ? `${status.branch.code} · ${status.branch.name}` : '—'}
            </Text>
          </Fact>
          <Fact label={t('facts.device')}>
            <Text fz="md" fw={600}>
              {status.deviceName ?? '—'}
            </Text>
            {prefix && (
              <Text fz="sm" c="dimmed">
                {t('facts.terminal', { prefix })}
              </Text>
            )}
          </Fact>
          {status.clockOffsetMs !== null && (
            <Fact label={t('facts.clock')}>
              <Text fz="md" c={clockMinutes >= 2 ? 'orange.8' : undefined} fw={clockMinutes >= 2 ? 600 : undefined}>
                {clockMinutes >= 1 ? t('facts.clockOff', { minutes: clockMinutes }) : t('facts.clockOk')}
              </Text>
            </Fact>
          )}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function ErrorBanner({ status, locale, timeZone, t }: { status: SyncStatus; locale: Locale; timeZone?: string; t: Translate }) {
  const e = status.lastError;
  if (!e) return null;
  const offline = e.code === 'OFFLINE';
  return (
    <Alert
      color={offline ? 'gray' : 'red'}
      variant="light"
      icon={offline ? <IconCloudOff size={20} /> : <IconAlertTriangle size={20} />}
      title={`${t('syncFailed')} · ${formatDateTime(e.at, locale, timeZone)}`}
      data-testid="sync-error"
    >
      <Stack gap={4}>
        <Text>{syncErrorText(t, e)}</Text>
        <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
          {t('technical', { message: `${e.code} — ${e.message}` })}
        </Text>
      </Stack>
    </Alert>
  );
}

function ExceptionsTable({ status, locale, timeZone, t }: { status: SyncStatus; locale: Locale; timeZone?: string; t: Translate }) {
  return (
    <Section title={t('exceptions.title')} description={t('exceptions.description')} color="orange">
      <Group gap="sm">
        <Button component="a" href="#/stock/receive" variant="light" leftSection={<IconTruckLoading size={18} />}>
          {t('exceptions.receive')}
        </Button>
        <Button component="a" href="#/stock/adjust" variant="light" leftSection={<IconAdjustmentsHorizontal size={18} />}>
          {t('exceptions.adjust')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="sm" data-testid="sync-exceptions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('exceptions.warehouse')}</Table.Th>
              <Table.Th>{t('exceptions.product')}</Table.Th>
              <Table.Th>{t('exceptions.lot')}</Table.Th>
              <Table.Th ta="right">{t('exceptions.qty')}</Table.Th>
              <Table.Th>{t('exceptions.openedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.openExceptions.map((x) => {
              const name = locale === 'en' ? (x.productNameEn ?? x.productNameZh) : (x.productNameZh ?? x.productNameEn);
              return (
                <Table.Tr key={x.id}>
                  <Table.Td>{x.warehouseName ?? '—'}</Table.Td>
                  <Table.Td>
                    {name ? (
                      <Stack gap={0}>
                        <Text fz="sm" fw={600}>
                          {name}
                        </Text>
                        <Text fz="xs" c="dimmed" ff="monospace">
                          {x.sku}
                        </Text>
                      </Stack>
                    ) : (
                      <Text fz="sm" c="dimmed">
                        {t('exceptions.unknownProduct')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ff="monospace">{x.lotCode ? x.lotCode : <Text span c="dimmed" fz="sm">{t('exceptions.noLot')}</Text>}</Table.Td>
                  <Table.Td ta="right" ff="monospace" c="red.8" fw={700}>
                    {formatNumber(x.qty, locale)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(x.openedAt, locale, timeZone)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function RejectedTable({ status, locale, timeZone, t }: { status: SyncStatus; locale: Locale; timeZone?: string; t: Translate }) {
  return (
    <Section title={t('rejected.title')} description={t('rejected.description')} color="red">
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="sm" data-testid="sync-rejected">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('rejected.seq')}</Table.Th>
              <Table.Th>{t('rejected.op')}</Table.Th>
              <Table.Th>{t('rejected.reason')}</Table.Th>
              <Table.Th>{t('rejected.receivedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.rejected.map((r) => (
              <Table.Tr key={r.seq}>
                <Table.Td ff="monospace">{r.seq}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{opName(t, r.name)}</Table.Td>
                <Table.Td>
                  <Text fz="sm" fw={600}>
                    {rejectionText(t, r.code)}
                  </Text>
                  <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                    {r.message}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.receivedAt, locale, timeZone)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function DivergenceNote({ status, locale, timeZone, t }: { status: SyncStatus; locale: Locale; timeZone?: string; t: Translate }) {
  return (
    <Alert color="yellow" variant="light" icon={<IconGitCompare size={20} />} title={t('divergence.title')} data-testid="sync-divergence">
      <Stack gap={4}>
        <Text>{t('divergence.description')}</Text>
        {status.divergence.map((d) => (
          <Text key={d.bucket} fz="sm">
            {t('divergence.bucket', {
              bucket: t(`divergence.buckets.${d.bucket}`, { defaultValue: d.bucket }),
              local: formatNumber(d.localCount, locale),
              server: formatNumber(d.serverCount, locale),
              since: formatDateTime(d.since, locale, timeZone),
            })}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** '/sync': where this PC stands with head office, and what needs someone's attention. */
export function SyncPage() {
  const { t, i18n } = useTranslation('sync');
  const locale = toLocale(i18n.language);
  const { info, reloadInfo } = useAppInfo();
  const timeZone = info.branch?.timeZone;
  const { status, error, readAt, refresh } = useSyncStatus(4_000);
  const [syncing, setSyncing] = useState(false);
  /** The outcome of the last "sync now", next to the button (a notification would cover it). */
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [reenrol, setReenrol] = useState(false);

  async function syncNow() {
    setSyncing(true);
    setOutcome(null);
    try {
      const after = await getApi()['sync.now']({});
      // A run that fails records why in lastError (shown above the status); a success clears it.
      setOutcome(after.lastError ? { ok: false, text: t('syncFailed') } : { ok: true, text: t('syncDone') });
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(t, e) });
    } finally {
      setSyncing(false);
      announceSyncStatus();
    }
  }

  function enrolled(result: SyncEnrolled) {
    setReenrol(false);
    const branch = result.status.branch;
    setOutcome({ ok: true, text: t('enrolled', { branch: branch ? `${branch.code} · ${branch.name}` : '' }) });
    announceSyncStatus();
    refresh();
    void reloadInfo();
  }

  const actions = status?.configured ? (
    <>
      {outcome && (
        <Group gap={6} c={outcome.ok ? 'teal.8' : 'red.8'} role="status" data-testid="sync-outcome">
          {outcome.ok ? <IconCheck size={18} /> : <IconAlertTriangle size={18} />}
          <Text fz="sm" fw={600} c="inherit">
            {outcome.text}
          </Text>
        </Group>
      )}
      <Button size="md" onClick={() => void syncNow()} loading={syncing} leftSection={<IconRefresh size={20} />} data-testid="sync-now">
        {t('syncNow')}
      </Button>
    </>
  ) : undefined;

  let body: ReactNode;
  if (!status) {
    body = error ? <ErrorState error={error} title={t('loadFailed')} onRetry={refresh} /> : <LoadingState />;
  } else if (!status.configured) {
    body = (
      <Section title={t('notConfigured.title')} description={t('notConfigured.description')}>
        {status.pending > 0 && (
          <Alert color="blue" variant="light" icon={<IconCloudOff size={20} />}>
            {t('notConfigured.waiting', { count: status.pending })}
          </Alert>
        )}
        <EnrolForm onEnrolled={enrolled} />
      </Section>
    );
  } else {
    body = (
      <>
        <ErrorBanner status={status} locale={locale} timeZone={timeZone} t={t} />
        <StatusCard status={status} readAt={readAt} locale={locale} timeZone={timeZone} t={t} />
        {status.divergence.length > 0 && <DivergenceNote status={status} locale={locale} timeZone={timeZone} t={t} />}
        {status.openExceptions.length > 0 && <ExceptionsTable status={status} locale={locale} timeZone={timeZone} t={t} />}
        {status.rejected.length > 0 && <RejectedTable status={status} locale={locale} timeZone={timeZone} t={t} />}
        <Stack gap="xs">
          <Anchor component="button" type="button" w="fit-content" onClick={() => setReenrol((v) => !v)} aria-expanded={reenrol}>
            {reenrol ? t('reenrol.hide') : t('reenrol.show')}
          </Anchor>
          <Collapse expanded={reenrol}>
            <Paper withBorder radius="md" p="lg">
              <Stack gap="sm">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size={32} radius="md">
                    <IconPlugConnected size={18} />
                  </ThemeIcon>
                  <Text c="dimmed">{t('reenrol.description')}</Text>
                </Group>
                {reenrol && <EnrolForm onEnrolled={enrolled} />}
              </Stack>
            </Paper>
          </Collapse>
        </Stack>
      </>
    );
  }

  return (
    <Stack gap="md" maw={1100}>
      <PageHeader title={t('title')} subtitle={t('subtitle')} actions={actions} />
      {body}
    </Stack>
  );
}

import { ActionIcon, Alert, Button, CopyButton, DataList, Group, NumberInput, Paper, SegmentedControl, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconDatabase, IconDeviceFloppy, IconLock } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMapping, PeriodLock, Settings } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorCode, errorMessage, fieldErrors, fieldIssueMessage } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, toLocale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { locales, useLocale } from '../../components/useLocale';

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg">
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

type NumberSetting = 'nearExpiryDays' | 'minReceiptShelfLifePermille' | 'lockMinutes';

/** One whole-number setting with its range; `keys` names its texts (label, suffix, saved). */
function NumberSettingForm({ settings, onSaved, field, min, max, keys }: { settings: Settings; onSaved: (s: Settings) => void; field: NumberSetting; min: number; max: number; keys: string }) {
  const { t } = useTranslation('settings');
  const [value, setValue] = useState<number | string>(settings[field]);
  const [localIssue, setLocalIssue] = useState<{ code: string; params?: Record<string, number> } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => setValue(settings[field]), [settings, field]);

  const serverField = fieldErrors(error, t)[field];
  const fieldMessage = localIssue ? fieldIssueMessage(t, localIssue.code, localIssue.params) : serverField;
  const banner = error !== null && !(errorCode(error) === 'VALIDATION' && serverField) ? error : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const days = typeof value === 'number' ? value : Number(value);
    // The same limits as the API's schema, so the message appears before anything is sent.
    if (value === '' || !Number.isFinite(days)) return setLocalIssue({ code: 'NUMBER_REQUIRED' });
    if (!Number.isInteger(days)) return setLocalIssue({ code: 'INTEGER_REQUIRED' });
    if (days < min) return setLocalIssue({ code: min > 0 ? 'POSITIVE_REQUIRED' : 'NOT_NEGATIVE', params: { minimum: min } });
    if (days > max) return setLocalIssue({ code: 'TOO_LARGE', params: { maximum: max } });
    setLocalIssue(null);
    setSaving(true);
    try {
      const saved = await getApi()['settings.update']({ [field]: days });
      onSaved(saved);
      notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t(`${keys}.saved`, { days: saved[field] }) });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const unchanged = Number(value) === settings[field];

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Stack gap="sm">
        {banner !== null && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {errorMessage(t, banner)}
          </Alert>
        )}
        <Group align="flex-start" gap="sm">
          <NumberInput
            label={t(`${keys}.label`)}
            value={value}
            onChange={(v) => {
              setValue(v);
              setLocalIssue(null);
              setError(null);
            }}
            min={min}
            max={max}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            suffix={` ${t(`${keys}.suffix`)}`}
            error={fieldMessage}
            w={220}
          />
          <Button type="submit" mt={28} loading={saving} disabled={unchanged} leftSection={<IconDeviceFloppy size={18} />}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The period lock (关账): who closed the books through which date, and a later date to close them through. */
function PeriodLockForm({ lock, onSaved }: { lock: PeriodLock; onSaved: (l: PeriodLock) => void }) {
  const { t, i18n } = useTranslation('settings');
  const locale = toLocale(i18n.language);
  const { info } = useAppInfo();
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const allowed = info.user?.role === 'accountant' || info.user?.role === 'manager' || info.user?.role === 'admin';
  const field = fieldErrors(error, t).lockedThrough;
  const banner = error !== null && !field ? error : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const saved = await getApi()['periods.lock']({ lockedThrough: value.trim() });
      onSaved(saved);
      setValue('');
      notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('periodLock.saved', { date: formatDate(saved.lockedThrough, locale) }) });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Stack gap="sm">
      <Text data-testid="period-lock-state">
        {lock.lockedThrough
          ? t('periodLock.lockedThrough', { date: formatDate(lock.lockedThrough, locale), user: lock.lockedBy ?? '—' })
          : t('periodLock.none')}
      </Text>
      <Text c="dimmed" fz="sm">
        {t('periodLock.lateHint')}
      </Text>
      {allowed ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <Stack gap="sm">
            {banner !== null && (
              <Alert color="red" icon={<IconAlertTriangle size={18} />}>
                {errorMessage(t, banner)}
              </Alert>
            )}
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t('periodLock.label')}
                description={t('periodLock.hint', { today: lock.today })}
                type="date"
                max={lock.today}
                value={value}
                onChange={(e) => {
                  setValue(e.currentTarget.value);
                  setError(null);
                }}
                error={field}
                w={260}
                data-testid="period-lock-date"
              />
              <Button type="submit" loading={saving} disabled={value.trim() === ''} leftSection={<IconLock size={18} />}>
                {t('periodLock.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text c="dimmed">{t('periodLock.notAllowed')}</Text>
      )}
    </Stack>
  );
}

const accountRoles = ['salesRevenue', 'outputVat', 'receivables', 'inventory', 'cogs', 'stockGainLoss', 'cash', 'bank', 'payables'] as const;

/** The account mapping (科目映射) the voucher export books to: a code and a name per role, VAT, the voucher word. */
function AccountMappingForm({ mapping, onSaved }: { mapping: AccountMapping; onSaved: (m: AccountMapping) => void }) {
  const { t } = useTranslation('settings');
  const { info } = useAppInfo();
  const allowed = info.user?.role === 'accountant' || info.user?.role === 'manager' || info.user?.role === 'admin';
  const [draft, setDraft] = useState<AccountMapping>(mapping);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(mapping), [mapping]);
  const fields = fieldErrors(error, t);
  const banner = error !== null && Object.keys(fields).length === 0 ? error : null;
  const setAccount = (role: (typeof accountRoles)[number], part: 'code' | 'name', value: string) => {
    setDraft((d) => ({ ...d, accounts: { ...d.accounts, [role]: { ...d.accounts[role], [part]: value } } }));
    setError(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const saved = await getApi()['accounting.setMapping'](draft);
      onSaved(saved);
      notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('accountMapping.saved') });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Stack gap="sm">
        {!allowed && <Text c="dimmed">{t('accountMapping.notAllowed')}</Text>}
        {banner !== null && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />}>
            {errorMessage(t, banner)}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} data-testid="account-mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accountMapping.role')}</Table.Th>
                <Table.Th w={170}>{t('accountMapping.code')}</Table.Th>
                <Table.Th>{t('accountMapping.name')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accountRoles.map((role) => (
                <Table.Tr key={role}>
                  <Table.Td>{t(`accountMapping.roles.${role}`)}</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t(`accountMapping.roles.${role}`)} ${t('accountMapping.code')}`}
                      value={draft.accounts[role].code}
                      onChange={(e) => setAccount(role, 'code', e.currentTarget.value)}
                      error={fields[`accounts.${role}.code`]}
                      disabled={!allowed}
                      ff="monospace"
                      data-testid={`account-${role}-code`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t(`accountMapping.roles.${role}`)} ${t('accountMapping.name')}`}
                      value={draft.accounts[role].name}
                      onChange={(e) => setAccount(role, 'name', e.currentTarget.value)}
                      error={fields[`accounts.${role}.name`]}
                      disabled={!allowed}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group align="flex-end" gap="lg">
          <Switch
            label={t('accountMapping.vatApplicable')}
            checked={draft.vatApplicable}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setDraft((d) => ({ ...d, vatApplicable: checked }));
            }}
            disabled={!allowed}
          />
          <TextInput
            label={t('accountMapping.voucherWord')}
            value={draft.voucherWord}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => ({ ...d, voucherWord: value }));
            }}
            error={fields.voucherWord}
            disabled={!allowed}
            w={120}
          />
          {allowed && (
            <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={18} />} data-testid="save-mapping">
              {t('common:actions.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** '/settings: language, near-expiry days and the shelf life required at receipt (stored in the ledger), the period lock, and facts about this install. */
export function SettingsPage() {
  const { t, i18n } = useTranslation('settings');
  const locale = toLocale(i18n.language);
  const { info, setSettings } = useAppInfo();
  const { setLocale } = useLocale();
  const settings = useApiQuery(() => getApi()['settings.get']({}), []);
  const [current, setCurrent] = useState<Settings | null>(null);
  const shown = current ?? settings.data ?? null;
  const periodLock = useApiQuery(() => getApi()['periods.get']({}), []);
  const [savedLock, setLock] = useState<PeriodLock | null>(null);
  const lock = savedLock ?? periodLock.data ?? null;
  const accountMapping = useApiQuery(() => getApi()['accounting.getMapping']({}), []);
  const [savedMapping, setMapping] = useState<AccountMapping | null>(null);
  const mapping = savedMapping ?? accountMapping.data ?? null;

  const saved = (s: Settings) => {
    setCurrent(s);
    setSettings(s);
  };

  return (
    <Stack gap="md" maw={900}>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />

      <Section title={t('language.title')} description={t('language.description')}>
        <SegmentedControl
          w="fit-content"
          size="md"
          aria-label={t('language.title')}
          value={locale}
          onChange={(value) => {
            void setLocale(toLocale(value)).then((s) => s && saved(s));
          }}
          data={locales.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
        />
      </Section>

      <Section title={t('nearExpiry.title')} description={t('nearExpiry.description')}>
        {shown ? (
          <NumberSettingForm settings={shown} onSaved={saved} field="nearExpiryDays" min={1} max={365} keys="nearExpiry" />
        ) : settings.error ? (
          <ErrorState error={settings.error} title={t('loadFailed')} onRetry={settings.reload} minHeight={120} />
        ) : (
          <LoadingState minHeight={80} />
        )}
      </Section>

      <Section title={t('receiptShelfLife.title')} description={t('receiptShelfLife.description')}>
        {shown ? (
          <NumberSettingForm settings={shown} onSaved={saved} field="minReceiptShelfLifePermille" min={0} max={1000} keys="receiptShelfLife" />
        ) : (
          <LoadingState minHeight={80} />
        )}
      </Section>

      <Section title={t('screenLock.title')} description={t('screenLock.description')}>
        {shown ? <NumberSettingForm settings={shown} onSaved={saved} field="lockMinutes" min={1} max={240} keys="screenLock" /> : <LoadingState minHeight={80} />}
      </Section>

      <Section title={t('periodLock.title')} description={t('periodLock.description')}>
        {lock ? (
          <PeriodLockForm lock={lock} onSaved={setLock} />
        ) : periodLock.error ? (
          <ErrorState error={periodLock.error} title={t('loadFailed')} onRetry={periodLock.reload} minHeight={120} />
        ) : (
          <LoadingState minHeight={80} />
        )}
      </Section>

      <Section title={t('backups.title')} description={t('backups.description')}>
        <Button component="a" href="#/settings/backups" variant="light" w="fit-content" leftSection={<IconDatabase size={18} />}>
          {t('backups.open')}
        </Button>
      </Section>

      <Section title={t('accountMapping.title')} description={t('accountMapping.description')}>
        {mapping ? (
          <AccountMappingForm mapping={mapping} onSaved={setMapping} />
        ) : accountMapping.error ? (
          <ErrorState error={accountMapping.error} title={t('loadFailed')} onRetry={accountMapping.reload} minHeight={120} />
        ) : (
          <LoadingState minHeight={80} />
        )}
      </Section>

      <Section title={t('about.title')}>
        <DataList withDivider labelWidth={160} size="md">
          <DataList.Item>
            <DataList.ItemLabel>{t('about.branch')}</DataList.ItemLabel>
            <DataList.ItemValue>{info.branch ? `${info.branch.code} · ${info.branch.name}` : '—'}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('about.timeZone')}</DataList.ItemLabel>
            <DataList.ItemValue>{info.branch?.timeZone ?? '—'}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('about.businessDate')}</DataList.ItemLabel>
            <DataList.ItemValue>{formatDate(info.today, locale)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('about.user')}</DataList.ItemLabel>
            <DataList.ItemValue>{info.user ? `${info.user.displayName} (${t(`common:roles.${info.user.role}`)})` : '—'}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('about.version')}</DataList.ItemLabel>
            <DataList.ItemValue ff="monospace">{info.version}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('about.schemaVersion')}</DataList.ItemLabel>
            <DataList.ItemValue ff="monospace">{info.schemaVersion}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('about.host')}</DataList.ItemLabel>
            <DataList.ItemValue>{t(`common:header.host.${info.host}`)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('about.dataPath')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <Group gap="xs" wrap="nowrap">
                <Text ff="monospace" fz="sm" style={{ wordBreak: 'break-all' }}>
                  {info.dataPath}
                </Text>
                <CopyButton value={info.dataPath}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? t('common:actions.copied') : t('about.copyPath')}>
                      <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('about.copyPath')}>
                        {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </Section>
    </Stack>
  );
}

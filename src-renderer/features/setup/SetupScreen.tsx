import {
  Alert,
  Box,
  Button,
  Container,
  Group,
  Loader,
  LoadingOverlay,
  Paper,
  PasswordInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconBuildingStore, IconCloudDownload, IconDatabase, IconSparkles } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EnrolForm } from '../../components/EnrolForm';
import { errorCode, errorMessage, fieldErrors, fieldIssueMessage } from '../../components/errors';
import { toLocale, type Locale } from '../../components/format';
import { locales, useLocale } from '../../components/useLocale';
import { commonTimeZones, defaultTimeZone, utcOffsetLabel, type CommonTimeZone } from './timeZones';

type Mode = 'demo' | 'empty' | 'join';
type Field = 'code' | 'name' | 'timeZone' | 'adminPassword';

const branchCodePattern = /^[A-Z0-9]{2,8}$/;

/** The same rules as the API's schema, checked before sending so mistakes show at once. */
function validate(code: string, name: string, timeZone: string | null, adminPassword: string): Partial<Record<Field, string>> {
  const issues: Partial<Record<Field, string>> = {};
  if (adminPassword.length < 8) issues.adminPassword = 'PASSWORD_TOO_SHORT';
  if (!branchCodePattern.test(code)) issues.code = 'BRANCH_CODE_INVALID';
  if (name.trim() === '') issues.name = 'REQUIRED';
  else if (name.trim().length > 60) issues.name = 'TOO_LONG';
  if (!timeZone) issues.timeZone = 'REQUIRED';
  return issues;
}

function ModeCard({ value, title, hint, icon }: { value: Mode; title: string; hint: string; icon: ReactNode }) {
  return (
    // A card is a button, which centres its content; the cards read from the top instead. Three
    // side by side leave little width, so the title and hint use the card's whole width.
    <Radio.Card value={value} p="md" radius="md" withBorder h="100%" display="flex" style={{ alignItems: 'flex-start' }}>
      <Stack gap="xs" w="100%">
        <Group wrap="nowrap" gap="sm">
          <Radio.Indicator />
          <ThemeIcon size={36} radius="md" variant="light">
            {icon}
          </ThemeIcon>
        </Group>
        <Text fw={700} fz="lg" lh={1.3}>
          {title}
        </Text>
        <Text fz="sm" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </Radio.Card>
  );
}

export interface SetupScreenProps {
  /** Called with the new app.info once the branch exists; the app then shows the shell. */
  onCreated: (info: AppInfo) => void;
}

/**
 * First start (app.info says branch === null): choose demo or empty, enter the branch code,
 * name and time zone, and create the branch. Field errors show next to their fields, from the
 * local check first and from the API's VALIDATION answer otherwise. The third choice joins a
 * branch head office already has: enrol with a code (sync.enrol), and the first sync brings
 * the branch's warehouses, catalogue and documents.
 */
export function SetupScreen({ onCreated }: SetupScreenProps) {
  const { t, i18n } = useTranslation('setup');
  const locale: Locale = toLocale(i18n.language);
  const { setLocale } = useLocale();
  const [mode, setMode] = useState<Mode>('demo');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState<string | null>(defaultTimeZone);
  const [adminPassword, setAdminPassword] = useState('');
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('title')} · ${t('common:app.name')}`;
  }, [t]);

  useEffect(() => {
    codeRef.current?.focus();
  }, []);

  const zoneOptions = useMemo(
    () =>
      commonTimeZones.map((zone: CommonTimeZone) => {
        const offset = utcOffsetLabel(zone);
        return { value: zone, label: `${t(`zones.${zone}`)}${offset ? ` · ${offset}` : ''} · ${zone}` };
      }),
    [t],
  );

  const serverFields = fieldErrors(serverError, t);
  const fieldMessage = (field: Field): string | undefined => {
    const local = issues[field];
    if (local) return fieldIssueMessage(t, local);
    return serverFields[field];
  };
  // A banner for errors that are not about one of the three fields (or not field errors at all).
  const bannerError =
    serverError !== null && !(errorCode(serverError) === 'VALIDATION' && Object.keys(serverFields).every((p) => p === 'code' || p === 'name' || p === 'timeZone' || p === 'adminPassword'))
      ? serverError
      : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const local = validate(code, name, timeZone, adminPassword);
    setIssues(local);
    setServerError(null);
    if (Object.keys(local).length > 0) {
      if (local.code) codeRef.current?.focus();
      return;
    }
    setSubmitting(true);
    try {
      const info = await getApi()['setup.createBranch']({
        code,
        name: name.trim(),
        timeZone: timeZone ?? defaultTimeZone,
        adminPassword,
        withDemoData: mode === 'demo',
      });
      onCreated(info);
    } catch (error) {
      if (errorCode(error) === 'BRANCH_ALREADY_SET_UP') {
        // Another window finished set-up first: show what exists rather than an error.
        try {
          const info = await getApi()['app.info']({});
          if (info.branch) {
            onCreated(info);
            return;
          }
        } catch {
          // fall through to showing the error
        }
      }
      setServerError(error);
      setSubmitting(false);
    }
  }

  return (
    <Box mih="100dvh" bg="gray.0" py={{ base: 'md', sm: 48 }}>
      <Container size={760}>
        <Stack gap="lg">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon size={44} radius="md">
                <IconBuildingStore size={26} />
              </ThemeIcon>
              <Stack gap={0}>
                <Text fw={800} fz="xl" lh={1.2}>
                  {t('common:app.name')}
                </Text>
                <Text c="dimmed" fz="sm" lh={1.2}>
                  {t('common:app.nameOther')}
                </Text>
              </Stack>
            </Group>
            <SegmentedControl
              aria-label={t('common:header.language')}
              value={locale}
              onChange={(value) => void setLocale(toLocale(value), { persist: false })}
              data={locales.map((l) => ({ value: l, label: l === 'zh-CN' ? '中文' : 'English' }))}
            />
          </Group>

          <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }} pos="relative">
            <LoadingOverlay
              visible={submitting}
              zIndex={10}
              overlayProps={{ blur: 1, backgroundOpacity: 0.7 }}
              loaderProps={{
                children: (
                  <Stack align="center" gap="sm" maw={360} role="status" aria-live="polite">
                    <Loader size="lg" />
                    <Text fw={600} ta="center">
                      {mode === 'demo' ? t('creatingDemo') : t('creating')}
                    </Text>
                  </Stack>
                ),
              }}
            />
            <Stack gap="lg">
              <Stack gap="xs">
                <Title order={1} fz={26}>
                  {t('title')}
                </Title>
                <Text>{t('intro')}</Text>
              </Stack>

              {bannerError !== null && (
                <Alert color="red" icon={<IconAlertTriangle size={20} />} title={t('failed')}>
                  {errorMessage(t, bannerError)}
                </Alert>
              )}

              <Radio.Group
                value={mode}
                onChange={(v) => setMode(v === 'empty' || v === 'join' ? v : 'demo')}
                label={t('howToStart')}
                labelProps={{ fw: 700, mb: 'xs', fz: 'md' }}
              >
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
                  <ModeCard value="demo" title={t('mode.demo')} hint={t('mode.demoHint')} icon={<IconSparkles size={22} />} />
                  <ModeCard value="empty" title={t('mode.empty')} hint={t('mode.emptyHint')} icon={<IconDatabase size={22} />} />
                  <ModeCard value="join" title={t('mode.join')} hint={t('mode.joinHint')} icon={<IconCloudDownload size={22} />} />
                </SimpleGrid>
              </Radio.Group>

              {mode === 'join' ? (
                <Stack gap="md">
                  <Stack gap={2}>
                    <Text fw={700}>{t('joinDetails')}</Text>
                    <Text fz="sm" c="dimmed">
                      {t('joinIntro')}
                    </Text>
                  </Stack>
                  <EnrolForm onEnrolled={(result) => onCreated(result.info)} autoFocus withAdminPassword />
                </Stack>
              ) : (
                <form onSubmit={(e) => void submit(e)} noValidate>
                  <Stack gap="lg">
                    <Stack gap="md">
                      <Text fw={700}>{t('branchDetails')}</Text>
                      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                        <TextInput
                          ref={codeRef}
                          label={t('code')}
                          description={t('codeHint')}
                          inputWrapperOrder={['label', 'input', 'error', 'description']}
                          placeholder={t('codePlaceholder')}
                          value={code}
                          onChange={(e) => {
                            setCode(e.currentTarget.value.toUpperCase().replace(/\s+/g, ''));
                            setIssues((s) => ({ ...s, code: undefined }));
                          }}
                          error={fieldMessage('code')}
                          maxLength={8}
                          required
                          autoComplete="off"
                          spellCheck={false}
                          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
                        />
                        <TextInput
                          label={t('name')}
                          placeholder={t('namePlaceholder')}
                          value={name}
                          onChange={(e) => {
                            setName(e.currentTarget.value);
                            setIssues((s) => ({ ...s, name: undefined }));
                          }}
                          error={fieldMessage('name')}
                          maxLength={60}
                          required
                          autoComplete="off"
                        />
                      </SimpleGrid>
                      <Select
                        label={t('timeZone')}
                        description={t('timeZoneHint')}
                        inputWrapperOrder={['label', 'input', 'error', 'description']}
                        data={zoneOptions}
                        value={timeZone}
                        onChange={(v) => {
                          setTimeZone(v);
                          setIssues((s) => ({ ...s, timeZone: undefined }));
                        }}
                        searchable
                        allowDeselect={false}
                        nothingFoundMessage={t('timeZoneNothingFound')}
                        error={fieldMessage('timeZone')}
                        required
                        maxDropdownHeight={320}
                      />
                      <PasswordInput
                        label={t('adminPassword')}
                        description={t('adminPasswordHint')}
                        inputWrapperOrder={['label', 'input', 'error', 'description']}
                        value={adminPassword}
                        onChange={(e) => {
                          setAdminPassword(e.currentTarget.value);
                          setIssues((s) => ({ ...s, adminPassword: undefined }));
                        }}
                        error={fieldMessage('adminPassword')}
                        autoComplete="new-password"
                        required
                      />
                    </Stack>

                    <Group justify="flex-end">
                      <Button type="submit" size="lg" loading={submitting} leftSection={mode === 'demo' ? <IconSparkles size={20} /> : <IconBuildingStore size={20} />}>
                        {mode === 'demo' ? t('submitDemo') : t('submitEmpty')}
                      </Button>
                    </Group>
                  </Stack>
                </form>
              )}
            </Stack>
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}

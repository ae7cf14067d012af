import { Alert, Button, Group, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnected } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncEnrolled } from '../../src-main/contract';
import { getApi } from '../api/getApi';
import { errorCode, errorMessage, fieldErrors, fieldIssueMessage } from './errors';

type Field = 'serverUrl' | 'code' | 'deviceName' | 'adminPassword';
const fields: readonly Field[] = ['serverUrl', 'code', 'deviceName', 'adminPassword'];

/** The same rules as sync.enrol's schema, checked before anything is sent. */
export function validateEnrolment(serverUrl: string, code: string, deviceName: string): Partial<Record<Field, string>> {
  const issues: Partial<Record<Field, string>> = {};
  const url = serverUrl.trim();
  if (url === '') issues.serverUrl = 'REQUIRED';
  else {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') issues.serverUrl = 'URL_INVALID';
    } catch {
      issues.serverUrl = 'URL_INVALID';
    }
  }
  const c = code.trim();
  if (c === '') issues.code = 'REQUIRED';
  else if (c.length < 8 || c.length > 40) issues.code = 'ENROLMENT_CODE_INVALID';
  if (deviceName.trim() === '') issues.deviceName = 'REQUIRED';
  else if (deviceName.trim().length > 80) issues.deviceName = 'TOO_LONG';
  return issues;
}

export interface EnrolFormProps {
  onEnrolled: (result: SyncEnrolled) => void;
  /** Larger inputs on the first-start screen. */
  size?: 'md' | 'lg';
  autoFocus?: boolean;
  /** Joining a branch: this PC's administrator password is chosen here too (at least 8 characters). */
  withAdminPassword?: boolean;
}

/**
 * Server address, one-time enrolment code and a name for this PC → sync.enrol. Used by the Sync
 * page and by the first-start screen's "join a branch". Problems show next to their field: from
 * the local check first, then from the API (a wrong code next to the code, an unreachable
 * server next to the address).
 */
export function EnrolForm({ onEnrolled, size = 'md', autoFocus = false, withAdminPassword = false }: EnrolFormProps) {
  const { t } = useTranslation('common');
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [adminPassword, setAdminPassword] = useState('');
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);

  const serverFields = fieldErrors(error, t);
  const message = (field: Field): string | undefined => {
    const local = issues[field];
    return local ? fieldIssueMessage(t, local) : serverFields[field];
  };
  const fieldOnly = error !== null && Object.keys(serverFields).length > 0 && Object.keys(serverFields).every((p) => fields.includes(p as Field));
  const banner = error !== null && !fieldOnly ? error : null;

  const clear = (field: Field) => {
    setIssues((s) => ({ ...s, [field]: undefined }));
    setError(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const local = validateEnrolment(serverUrl, code, deviceName);
    if (withAdminPassword && adminPassword.length < 8) local.adminPassword = 'PASSWORD_TOO_SHORT';
    setIssues(local);
    setError(null);
    if (Object.keys(local).length > 0) return;
    setSubmitting(true);
    try {
      const result = await getApi()['sync.enrol']({
        serverUrl: serverUrl.trim(),
        code: code.trim(),
        deviceName: deviceName.trim(),
        ...(withAdminPassword ? { adminPassword } : {}),
      });
      onEnrolled(result);
    } catch (e) {
      setError(e);
      if (errorCode(e) === 'SYNC_SERVER_UNREACHABLE' || errorCode(e) === 'SYNC_NOT_A_SERVER') urlRef.current?.focus();
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('enrol.submit')}>
      <Stack gap="md">
        {banner !== null && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('enrol.failed')}>
            {errorMessage(t, banner)}
          </Alert>
        )}
        <TextInput
          ref={urlRef}
          size={size}
          label={t('enrol.serverUrl')}
          description={t('enrol.serverUrlHint')}
          inputWrapperOrder={['label', 'input', 'error', 'description']}
          placeholder={t('enrol.serverUrlPlaceholder')}
          value={serverUrl}
          onChange={(e) => {
            setServerUrl(e.currentTarget.value);
            clear('serverUrl');
          }}
          error={message('serverUrl')}
          autoComplete="url"
          spellCheck={false}
          required
          autoFocus={autoFocus}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            size={size}
            label={t('enrol.code')}
            description={t('enrol.codeHint')}
            inputWrapperOrder={['label', 'input', 'error', 'description']}
            placeholder={t('enrol.codePlaceholder')}
            value={code}
            onChange={(e) => {
              setCode(e.currentTarget.value.toUpperCase());
              clear('code');
            }}
            error={message('code')}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            required
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
          />
          <TextInput
            size={size}
            label={t('enrol.deviceName')}
            description={t('enrol.deviceNameHint')}
            inputWrapperOrder={['label', 'input', 'error', 'description']}
            placeholder={t('enrol.deviceNamePlaceholder')}
            value={deviceName}
            onChange={(e) => {
              setDeviceName(e.currentTarget.value);
              clear('deviceName');
            }}
            error={message('deviceName')}
            maxLength={80}
            autoComplete="off"
            required
          />
        </SimpleGrid>
        {withAdminPassword && (
          <PasswordInput
            size={size}
            label={t('enrol.adminPassword')}
            description={t('enrol.adminPasswordHint')}
            inputWrapperOrder={['label', 'input', 'error', 'description']}
            value={adminPassword}
            onChange={(e) => {
              setAdminPassword(e.currentTarget.value);
              clear('adminPassword');
            }}
            error={message('adminPassword')}
            autoComplete="new-password"
            required
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" size={size} loading={submitting} leftSection={<IconPlugConnected size={20} />}>
            {t('enrol.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

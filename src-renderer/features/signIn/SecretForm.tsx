import { Alert, Button, Group, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconBackspace } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors';

export interface SecretFormProps {
  kind: 'password' | 'pin';
  submitLabel: string;
  onSubmit: (secret: string) => Promise<void>;
}

/**
 * A password field, or for a PIN the same field with a number pad under it. The field keeps the
 * focus, so the keyboard (or a number block) works as well as the pad; Enter submits. A wrong
 * try clears the field and says why (how many tries are left, or how long the lock-out lasts).
 */
export function SecretForm({ kind, submitLabel, onSubmit }: SecretFormProps) {
  const { t } = useTranslation('signIn');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, [kind]);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy || secret === '') return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(secret);
    } catch (e) {
      setError(e);
      setSecret('');
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  const press = (digit: string) => {
    setSecret((s) => (s.length < 8 ? s + digit : s));
    inputRef.current?.focus();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error !== null && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="sign-in-error">
            {errorMessage(t, error)}
          </Alert>
        )}
        <PasswordInput
          ref={inputRef}
          size="lg"
          label={kind === 'pin' ? t('pin') : t('password')}
          value={secret}
          onChange={(e) => setSecret(kind === 'pin' ? e.currentTarget.value.replace(/\D/g, '').slice(0, 8) : e.currentTarget.value)}
          inputMode={kind === 'pin' ? 'numeric' : undefined}
          autoComplete={kind === 'pin' ? 'off' : 'current-password'}
          data-testid="secret-input"
        />
        {kind === 'pin' && (
          <>
            <Text size="xs" c="dimmed">
              {t('pinHint')}
            </Text>
            <SimpleGrid cols={3} spacing="xs" data-testid="pin-pad">
              {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
                <Button key={d} variant="default" size="lg" tabIndex={-1} onClick={() => press(d)}>
                  {d}
                </Button>
              ))}
              <Button variant="subtle" size="lg" tabIndex={-1} onClick={() => setSecret('')}>
                {t('pad.clear')}
              </Button>
              <Button variant="default" size="lg" tabIndex={-1} onClick={() => press('0')}>
                0
              </Button>
              <Button variant="subtle" size="lg" tabIndex={-1} aria-label={t('pad.backspace')} onClick={() => setSecret((s) => s.slice(0, -1))}>
                <IconBackspace size={20} />
              </Button>
            </SimpleGrid>
          </>
        )}
        <Group justify="flex-end">
          <Button type="submit" size="lg" loading={busy} disabled={secret === ''} data-testid="secret-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

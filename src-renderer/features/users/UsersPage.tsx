import { Alert, Badge, Button, Group, Modal, PasswordInput, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage, fieldErrors } from '../../components/errors';
import { PageHeader } from '../../components/PageHeader';
import { QueryBody } from '../../components/QueryBody';
import { useApiQuery } from '../../components/useApiQuery';

const roleNames = ['clerk', 'sales', 'accountant', 'manager', 'admin'] as const;
type Role = (typeof roleNames)[number];

/** The password-or-PIN part of the add and reset forms. */
function CredentialFields({ kind, secret, onKind, onSecret, error }: { kind: 'pin' | 'password'; secret: string; onKind: (k: 'pin' | 'password') => void; onSecret: (s: string) => void; error?: string | undefined }) {
  const { t } = useTranslation('users');
  return (
    <>
      <SegmentedControl value={kind} onChange={(v) => onKind(v === 'password' ? 'password' : 'pin')} data={[{ value: 'pin', label: t('kind.pin') }, { value: 'password', label: t('kind.password') }]} />
      <PasswordInput label={t('form.secret')} value={secret} onChange={(e) => onSecret(e.currentTarget.value)} error={error} autoComplete="new-password" data-testid="user-secret" />
    </>
  );
}

/** A form's save: the call, a notification when it worked, its error (by field where the API names one) when not. */
function useSave(save: () => Promise<unknown>, onDone: () => void) {
  const { t } = useTranslation('users');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await save();
      notifications.show({ color: 'green', message: t('saved') });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return { error, fields: fieldErrors(error, t), submit };
}

function AddUser({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('users');
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [kind, setKind] = useState<'pin' | 'password'>('pin');
  const [secret, setSecret] = useState('');
  const { error, fields, submit } = useSave(() => getApi()['users.create']({ username, displayName, role, credential: { kind, secret } }), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error !== null && Object.keys(fields).length === 0 && <Alert color="red" icon={<IconAlertTriangle size={18} />}>{errorMessage(t, error)}</Alert>}
        <TextInput label={t('form.displayName')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={fields.displayName} data-autofocus />
        <TextInput label={t('form.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={fields.username} autoComplete="off" />
        <Select label={t('form.role')} data={roleNames.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} value={role} onChange={(v) => setRole((v as Role | null) ?? 'clerk')} allowDeselect={false} />
        <CredentialFields kind={kind} secret={secret} onKind={setKind} onSecret={setSecret} error={fields['credential.secret']} />
        <Group justify="flex-end">
          <Button type="submit" data-testid="user-save">
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResetCredential({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const { t } = useTranslation('users');
  const [kind, setKind] = useState<'pin' | 'password'>(user.credentialKind);
  const [secret, setSecret] = useState('');
  const { error, fields, submit } = useSave(() => getApi()['users.setCredential']({ id: user.id, credential: { kind, secret } }), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error !== null && Object.keys(fields).length === 0 && <Alert color="red">{errorMessage(t, error)}</Alert>}
        <CredentialFields kind={kind} secret={secret} onKind={setKind} onSecret={setSecret} error={fields['credential.secret']} />
        <Group justify="flex-end">
          <Button type="submit" data-testid="reset-save">
            {t('reset.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Administrators add users, change their role, reset a forgotten PIN and disable a user who left. */
export function UsersPage() {
  const { t } = useTranslation('users');
  const query = useApiQuery(() => getApi()['users.list']({}), []);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const update = async (input: { id: string; role?: Role; active?: boolean }) => {
    setActionError(null);
    try {
      await getApi()['users.update'](input);
      query.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setAdding(true)} data-testid="add-user">
            {t('add')}
          </Button>
        }
      />
      {actionError !== null && <Alert color="red" icon={<IconAlertTriangle size={18} />}>{errorMessage(t, actionError)}</Alert>}
      <Paper withBorder radius="md">
        <QueryBody query={query} isEmpty={(rows) => rows.length === 0} empty={<EmptyState title={t('empty')} />}>
          {(rows) => (
            <Table.ScrollContainer minWidth={760}>
              <Table striped verticalSpacing="xs" data-testid="users-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('columns.name')}</Table.Th>
                    <Table.Th>{t('columns.username')}</Table.Th>
                    <Table.Th>{t('columns.role')}</Table.Th>
                    <Table.Th>{t('columns.login')}</Table.Th>
                    <Table.Th>{t('columns.status')}</Table.Th>
                    <Table.Th>{t('columns.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((u) => (
                    <Table.Tr key={u.id} data-testid={`user-${u.username}`}>
                      <Table.Td>
                        <Text fw={600}>{u.displayName}</Text>
                        {u.origin === 'head_office' && <Badge size="xs" variant="light">{t('headOffice')}</Badge>}
                      </Table.Td>
                      <Table.Td ff="monospace">{u.username}</Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={`${t('columns.role')} ${u.displayName}`}
                          size="xs"
                          w={150}
                          data={roleNames.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
                          value={u.role}
                          allowDeselect={false}
                          // Head office decides a head-office user's role (it only may be disabled here).
                          disabled={u.origin === 'head_office'}
                          onChange={(v) => v && v !== u.role && void update({ id: u.id, role: v as Role })}
                        />
                      </Table.Td>
                      <Table.Td>{t(`kind.${u.credentialKind}`)}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge color={u.active ? 'green' : 'gray'} variant="light">
                            {u.active ? t('active') : t('disabled')}
                          </Badge>
                          {u.lockedUntil !== null && (
                            <Badge color="red" variant="light">
                              {t('lockedOut')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="default" disabled={u.origin === 'head_office'} onClick={() => setResetting(u)}>
                            {t('reset.button')}
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color={u.active ? 'red' : 'green'}
                            disabled={u.origin === 'head_office' && !u.active}
                            title={u.origin === 'head_office' ? t('headOfficeRule') : undefined}
                            onClick={() => void update({ id: u.id, active: !u.active })}
                          >
                            {u.active ? t('disable') : t('enable')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryBody>
      </Paper>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('form.title')}>
        {adding && (
          <AddUser
            onDone={() => {
              setAdding(false);
              query.reload();
            }}
          />
        )}
      </Modal>
      <Modal opened={resetting !== null} onClose={() => setResetting(null)} title={t('reset.title', { name: resetting?.displayName ?? '' })}>
        {resetting && (
          <ResetCredential
            user={resetting}
            onDone={() => {
              setResetting(null);
              query.reload();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { fieldErrors } from './errors';
import { navigate } from '../lib/router';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** How a step's button looks: the way forward filled, a step that ends the document red. */
export interface ActionLook {
  variant: 'filled' | 'light' | 'default';
  danger?: boolean;
}

/** What a step's dialog is told when it is done: the document as it now is, or why it was refused. */
export interface ActionDialogCallbacks<D> {
  onClose: () => void;
  onDone: (next: D) => void;
  onRefused: (error: unknown) => void;
}

interface DocumentActionsProps<A extends string, D extends { docNo: string }> {
  /** The steps the document's state allows, in the order the server gives them. */
  actions: readonly A[];
  icons: Record<A, ReactNode>;
  look: (action: A) => ActionLook;
  /** A step done on a screen of its own (edit, receive): its address; the others open `dialog`. */
  screenFor: (action: A) => string | undefined;
  dialog: (action: A, callbacks: ActionDialogCallbacks<D>) => ReactNode;
  /** Texts under `actions.`: the step's label, `failed`, and `done.<step>` with the docNo. */
  t: Translate;
  describeError: (error: unknown) => ReactNode;
  onChanged: (next: D) => void;
  testId: string;
}

/**
 * A document's next steps as buttons, for detail pages whose documents move through states
 * (transfers, supplier returns). A step the server refuses outside its dialog is shown above the
 * page's content; one it accepts replaces the document shown and says so in a notification.
 */
export function DocumentActions<A extends string, D extends { docNo: string }>(props: DocumentActionsProps<A, D>) {
  const { actions, icons, look, screenFor, dialog, t, describeError, onChanged, testId } = props;
  const [open, setOpen] = useState<A | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (actions.length === 0) return null;
  return (
    <>
      <Group gap="sm" wrap="wrap" data-testid={testId}>
        {actions.map((action) => {
          const { variant, danger } = look(action);
          return (
            <Button
              key={action}
              variant={variant}
              color={danger ? 'red' : undefined}
              leftSection={icons[action]}
              onClick={() => {
                setFailure(null);
                const screen = screenFor(action);
                if (screen) navigate(screen);
                else setOpen(action);
              }}
              data-testid={`action-${action}`}
            >
              {t(`actions.${action}`)}
            </Button>
          );
        })}
      </Group>
      {failure !== null && (
        <Alert color="red" icon={<IconAlertCircle />} title={t('actions.failed')} withCloseButton onClose={() => setFailure(null)} data-testid="action-error" role="alert">
          {describeError(failure)}
        </Alert>
      )}
      {open &&
        dialog(open, {
          onClose: () => setOpen(null),
          onDone: (next) => {
            setOpen(null);
            onChanged(next);
            notifications.show({ color: 'green', message: t(`actions.done.${open}`, { docNo: next.docNo }), 'data-testid': 'action-done' });
          },
          onRefused: (error) => {
            setOpen(null);
            setFailure(error);
          },
        })}
    </>
  );
}

/**
 * Runs a step's call from its dialog: busy while it runs; a refusal about a field the dialog
 * shows (`dialogFields`) stays next to that field, anything else closes the dialog.
 */
export function useActionSubmit<D>(t: Translate, dialogFields: readonly string[], callbacks: Pick<ActionDialogCallbacks<D>, 'onDone' | 'onRefused'>) {
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const submit = async (call: () => Promise<D>) => {
    setBusy(true);
    try {
      callbacks.onDone(await call());
    } catch (error) {
      const byField = fieldErrors(error, t);
      if (Object.keys(byField).some((p) => dialogFields.includes(p))) setFields(byField);
      else callbacks.onRefused(error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, fields, setFields, submit };
}

/** A step's dialog: its fields, then close and confirm (red for a step that ends the document). */
export function ActionDialogFrame(props: {
  title: string;
  busy: boolean;
  danger: boolean;
  closeLabel: string;
  confirmLabel: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={props.onClose} title={props.title} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <Stack gap="sm">
          {props.children}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {props.closeLabel}
            </Button>
            <Button type="submit" loading={props.busy} color={props.danger ? 'red' : undefined} data-testid="action-confirm">
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

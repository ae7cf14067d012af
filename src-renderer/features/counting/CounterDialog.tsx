import { Autocomplete, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { memo, useEffect, useState } from 'react';
import { readRecentCounters } from './countingMemory';
import type { CountingText } from './useCountingText';

export interface CounterDialogProps {
  opened: boolean;
  current: string;
  /** Names already counting on this count (from any PC), offered first. */
  countCounters: readonly string[];
  /** The first time the name is required: the dialog cannot be dismissed without one. */
  required: boolean;
  onSave: (name: string) => void;
  onClose: () => void;
  text: CountingText;
}

/**
 * Who is counting. Entries carry this name so the review can tell counters apart, and Undo takes
 * back only this counter's last entry; asked once on this PC, changed when the person changes.
 */
export const CounterDialog = memo(function CounterDialog({ opened, current, countCounters, required, onSave, onClose, text }: CounterDialogProps) {
  const { t } = text;
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  // Fixed while open, so the title does not change as the dialog closes after the first save.
  const [firstTime, setFirstTime] = useState(required);

  useEffect(() => {
    if (opened) {
      setName(current);
      setError(null);
      setFirstTime(required);
    }
    // Only when the dialog opens: the saved name must not reset what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const suggestions = [...new Set([...countCounters, ...readRecentCounters()])].filter((n) => n !== '');

  const save = () => {
    const trimmed = name.trim();
    if (trimmed === '') return setError(t('counter.required'));
    if (trimmed.length > 40) return setError(t('counter.tooLong'));
    onSave(trimmed);
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      withCloseButton={!required}
      closeOnClickOutside={!required}
      closeOnEscape={!required}
      centered
      title={
        <Group gap="xs">
          <IconUser size={22} />
          <Text fw={700} fz="xl">
            {firstTime ? t('counter.askTitle') : t('counter.changeTitle')}
          </Text>
        </Group>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Stack gap="md">
          <Text>{t('counter.why')}</Text>
          <Autocomplete
            label={t('counter.label')}
            placeholder={t('counter.placeholder')}
            size="lg"
            data-autofocus
            data-testid="counter-input"
            data={suggestions}
            value={name}
            maxLength={40}
            error={error}
            onChange={(value) => {
              setName(value);
              setError(null);
            }}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            {!firstTime && (
              <Button variant="default" onClick={onClose}>
                {t('actions.cancel')}
              </Button>
            )}
            <Button type="submit" data-testid="counter-save">
              {firstTime ? t('counter.save') : t('counter.switch')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
});

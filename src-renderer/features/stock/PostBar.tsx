import { Button, Group, Kbd, Modal, Text } from '@mantine/core';
import { IconCheck, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import classes from './stock.module.css';
import { useStockText } from './useStockText';

export interface PostBarProps {
  summary: ReactNode;
  onPost: () => void;
  posting: boolean;
  /** Clears the form after a confirmation; hidden when there is nothing to clear. */
  onClear?: () => void;
  postLabel: ReactNode;
}

/** Always in view at the bottom of a document form: what will be posted, and the Post button. */
export function PostBar({ summary, onPost, posting, onClear, postLabel }: PostBarProps) {
  const { t } = useStockText();
  const [confirming, setConfirming] = useState(false);
  return (
    <Group className={classes.postBar} justify="space-between" p="md" mt="md" wrap="wrap" gap="md">
      <Group gap="xl" wrap="wrap">
        {summary}
      </Group>
      <Group gap="sm">
        {onClear && (
          <Button variant="default" size="lg" leftSection={<IconTrash size={18} />} onClick={() => setConfirming(true)} disabled={posting}>
            {t('form.clear')}
          </Button>
        )}
        <Button
          size="lg"
          data-testid="post-document"
          leftSection={<IconCheck size={20} />}
          loading={posting}
          onClick={onPost}
          rightSection={
            <Text span fz="xs" c="inherit" opacity={0.85} visibleFrom="md">
              <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd>
            </Text>
          }
        >
          {postLabel}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('form.clearTitle')} centered>
        <Text mb="lg">{t('form.clearText')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            color="red"
            data-autofocus
            onClick={() => {
              setConfirming(false);
              onClear?.();
            }}
          >
            {t('form.clearConfirm')}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}

import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { CountSummary } from '../../../src-main/contract';
import type { CountsText } from './useCountsText';

function Card({ label, value, color, testId }: { label: string; value: string; color?: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600} c={color} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Paper>
  );
}

/** The figures a reviewer decides on: how much differs, which way, and what still stops posting. */
export function CountSummaryCards({ summary, text, showTodo }: { summary: CountSummary; text: CountsText; showTodo: boolean }) {
  const { t } = text;
  const net = summary.gainValueFen + summary.lossValueFen;
  return (
    <div>
      <SimpleGrid cols={{ base: 2, sm: 4, xl: showTodo ? 8 : 5 }} spacing="xs">
        <Card label={t('summary.varianceLines')} value={text.number(summary.varianceLines)} testId="sum-variance-lines" />
        <Card label={t('summary.gain')} value={text.money(summary.gainValueFen)} color={summary.gainValueFen > 0 ? 'teal' : undefined} testId="sum-gain" />
        <Card label={t('summary.loss')} value={text.money(summary.lossValueFen)} color={summary.lossValueFen < 0 ? 'red' : undefined} testId="sum-loss" />
        <Card label={t('summary.net')} value={text.money(net)} color={net < 0 ? 'red' : net > 0 ? 'teal' : undefined} testId="sum-net" />
        <Card label={t('summary.uncounted')} value={text.number(summary.uncountedLines)} testId="sum-uncounted" />
        {showTodo && <Card label={t('summary.needsReason')} value={text.number(summary.needsReason)} color={summary.needsReason ? 'orange' : undefined} testId="sum-needs-reason" />}
        {showTodo && <Card label={t('summary.needsRecount')} value={text.number(summary.needsRecount)} color={summary.needsRecount ? 'red' : undefined} testId="sum-needs-recount" />}
        {showTodo && <Card label={t('summary.needsApproval')} value={text.number(summary.needsApproval)} color={summary.needsApproval ? 'grape' : undefined} testId="sum-needs-approval" />}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4}>
        {t('summary.estimate')}
      </Text>
    </div>
  );
}

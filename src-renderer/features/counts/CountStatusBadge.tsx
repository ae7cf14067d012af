import { Badge } from '@mantine/core';
import type { CountStatus } from '../../../src-main/contract';
import type { CountsText } from './useCountsText';

const colors: Record<CountStatus, string> = { counting: 'blue', review: 'orange', posted: 'teal', cancelled: 'gray' };

export function CountStatusBadge({ status, text, size = 'md' }: { status: CountStatus; text: CountsText; size?: 'md' | 'lg' }) {
  return (
    <Badge color={colors[status]} variant="light" size={size} data-testid="count-status" style={{ minWidth: 'max-content' }}>
      {text.t(`status.${status}`)}
    </Badge>
  );
}

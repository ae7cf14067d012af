import { Badge } from '@mantine/core';
import type { SalesOrderStatus } from '../../../src-main/contract';
import type { SalesText } from './useSalesText';

const colors: Record<SalesOrderStatus, string> = {
  quote: 'gray',
  pending_approval: 'orange',
  confirmed: 'blue',
  allocated: 'indigo',
  partly_delivered: 'cyan',
  delivered: 'teal',
  invoiced: 'violet',
  paid: 'green',
  closed: 'dark',
  cancelled: 'red',
};

export function SalesStatusBadge({ status, text, size = 'md' }: { status: SalesOrderStatus; text: SalesText; size?: 'md' | 'lg' }) {
  return (
    <Badge color={colors[status]} variant="light" size={size} data-testid="order-status" style={{ minWidth: 'max-content' }}>
      {text.t(`status.${status}`)}
    </Badge>
  );
}

import { Tabs } from '@mantine/core';
import { navigate } from '../../lib/router';
import type { CustomersText } from './useCustomersText';

/** Customers and receivables are two views of one desk; the tabs switch between their pages. */
export function CustomersTabs({ active, text }: { active: 'customers' | 'receivables'; text: CustomersText }) {
  const { t } = text;
  return (
    <Tabs value={active} onChange={(v) => navigate(v === 'receivables' ? '/customers/receivables' : '/customers')}>
      <Tabs.List>
        <Tabs.Tab value="customers">{t('tabs.customers')}</Tabs.Tab>
        <Tabs.Tab value="receivables">{t('tabs.receivables')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

import { IconChartBar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../components/ComingSoon';
import type { FeatureRoute } from '../lib/featureModule';

type Area = 'reports';

const icons: Record<Area, ReactNode> = {
  reports: <IconChartBar size={30} />,
};

function ComingSoonPage({ area }: { area: Area }) {
  const { t } = useTranslation('common');
  const capabilities = t(`comingSoon.${area}.capabilities`, { returnObjects: true }) as unknown;
  return (
    <ComingSoon
      title={t(`comingSoon.${area}.title`)}
      summary={t(`comingSoon.${area}.summary`)}
      capabilities={Array.isArray(capabilities) ? capabilities.map(String) : []}
      icon={icons[area]}
      available={[
        { href: '/stock', label: t('comingSoon.available.stock') },
        { href: '/products', label: t('comingSoon.available.products') },
      ]}
    />
  );
}

/** The areas not built yet; each route says plainly what it will do. */
export const comingSoonRoutes: FeatureRoute[] = (Object.keys(icons) as Area[]).map((area) => ({
  path: `/${area}`,
  component: function ComingSoonRoute() {
    return <ComingSoonPage area={area} />;
  },
}));

import {
  AppShell,
  Badge,
  Burger,
  Group,
  Menu,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconBuildingStore, IconCalendar, IconLock, IconLogout, IconUser, IconUsers } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, toLocale, type Locale } from '../components/format';
import { useAppInfo } from '../components/useAppInfo';
import { useSession } from '../components/useSession';
import { locales, useLocale } from '../components/useLocale';
import { SyncIndicator } from '../features/sync';
import type { FeatureRoute } from '../lib/featureModule';
import { matchPath, navigate, useLocation } from '../lib/router';
import { AppNavbar } from './AppNavbar';
import { ErrorBoundary } from './ErrorBoundary';
import { features } from './features';
import { homePath, navigation } from './navigation';
import { NotFoundPage } from './NotFoundPage';

/** Literal segments beat parameters: '/stock/documents' before '/stock/:x'-like patterns. */
function routeOrder(a: FeatureRoute, b: FeatureRoute): number {
  const params = (r: FeatureRoute) => r.path.split('/').filter((s) => s.startsWith(':')).length;
  return params(a) - params(b);
}

const allRoutes: FeatureRoute[] = features.flatMap((f) => f.routes).sort(routeOrder);

function RouteView({ path }: { path: string }) {
  useEffect(() => {
    // '/' has no screen of its own; replace it so Back does not bounce the user here again.
    if (path === '/' || path === '') window.location.replace(`#${homePath}`);
  }, [path]);
  if (path === '/' || path === '') return null;
  for (const route of allRoutes) {
    const params = matchPath(route.path, path);
    if (params) {
      const Screen = route.component;
      return <Screen params={params} />;
    }
  }
  return <NotFoundPage path={path} />;
}

function LanguageSwitch() {
  const { t } = useTranslation('common');
  const { locale, setLocale } = useLocale();
  const { setSettings } = useAppInfo();
  return (
    <SegmentedControl
      size="sm"
      aria-label={t('header.language')}
      value={locale}
      onChange={(value) => {
        void setLocale(toLocale(value)).then((settings) => settings && setSettings(settings));
      }}
      data={locales.map((l: Locale) => ({ value: l, label: l === 'zh-CN' ? '中文' : 'EN' }))}
    />
  );
}

/** The frame around every screen: who and where (header), what (navbar), the screen (main). */
export function AppLayout() {
  const { t, i18n } = useTranslation('common');
  const locale = toLocale(i18n.language);
  const { info } = useAppInfo();
  const session = useSession();
  const { path } = useLocation();
  const [navOpened, nav] = useDisclosure(false);

  const hotkeyItems = useMemo(() => navigation.flatMap((item) => [item, ...(item.children ?? [])]).filter((item) => item.hotkey), []);
  useHotkeys(
    hotkeyItems.map((item) => [`alt+${item.hotkey}`, () => navigate(item.href)] as [string, () => void]),
    [],
  );

  const branch = info.branch;
  const user = info.user;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: { base: 252, sm: 72, lg: 252 }, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <ThemeIcon size={36} radius="md" aria-hidden>
              <IconBuildingStore size={22} />
            </ThemeIcon>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={700} fz="lg" lh={1.2} truncate>
                {t('app.name')}
              </Text>
              <Text fz="xs" c="dimmed" lh={1.2} visibleFrom="md">
                {t('app.nameOther')}
              </Text>
            </Stack>
            {branch && (
              <Tooltip label={`${t('header.branch')} · ${branch.timeZone}`}>
                <Badge size="lg" variant="light" radius="sm" ml="sm" style={{ textTransform: 'none' }} visibleFrom="xs">
                  {branch.code} · {branch.name}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Group gap="lg" wrap="nowrap">
            {info.today && (
              <Group gap={6} wrap="nowrap" visibleFrom="md" title={t('header.businessDate')}>
                <IconCalendar size={18} aria-hidden />
                <Text fz="sm">
                  <Text span c="dimmed" fz="sm">
                    {t('header.businessDate')}{' '}
                  </Text>
                  <Text span fw={600} fz="sm">
                    {formatDate(info.today, locale)}
                  </Text>
                </Text>
              </Group>
            )}
            {user && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <UnstyledButton title={t('header.user')} data-testid="user-menu">
                    <Group gap={6} wrap="nowrap">
                      <IconUser size={18} aria-hidden />
                      <Text fz="sm" fw={600}>
                        {user.displayName}
                      </Text>
                      <Text fz="sm" c="dimmed" visibleFrom="lg">
                        {t(`roles.${user.role}`)}
                      </Text>
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconLock size={16} />} onClick={session.lock} rightSection={<Text size="xs" c="dimmed">Ctrl+L</Text>}>
                    {t('session.lock')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconUsers size={16} />} onClick={session.switchUser}>
                    {t('session.switchUser')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={session.signOut}>
                    {t('session.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            <SyncIndicator />
            <LanguageSwitch />
            <Tooltip label={t('header.hostHint')}>
              <Badge size="sm" variant="outline" color="gray" visibleFrom="sm">
                {t(`header.host.${info.host}`)}
              </Badge>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('nav.main')} component="nav">
        <AppShell.Section grow component={ScrollArea}>
          <AppNavbar path={path} onNavigate={nav.close} />
        </AppShell.Section>
        {branch && (
          <AppShell.Section hiddenFrom="sm" p="xs">
            <Text fz="sm" fw={600}>
              {branch.code} · {branch.name}
            </Text>
            {info.today && (
              <Text fz="sm" c="dimmed">
                {t('header.businessDate')} {formatDate(info.today, locale)}
              </Text>
            )}
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main>
        <ErrorBoundary key={path}>
          <RouteView path={path} />
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

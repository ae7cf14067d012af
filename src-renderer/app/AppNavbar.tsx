import { Badge, Divider, NavLink, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './AppNavbar.module.css';
import { navigation, type NavItem } from './navigation';

interface ListEntryProps {
  item: NavItem;
  path: string;
  onNavigate: () => void;
  /** An entry inside a group: a smaller icon under the group's. */
  nested?: boolean;
}

function ListEntry({ item, path, onNavigate, nested = false }: ListEntryProps) {
  const { t } = useTranslation('common');
  const [opened, setOpened] = useState(true);
  const label = t(item.labelKey);
  const title = item.hotkey ? t('nav.shortcut', { keys: `Alt+${item.hotkey}` }) : undefined;
  if (item.children) {
    return (
      <NavLink
        label={label}
        leftSection={<item.icon size={20} />}
        opened={opened}
        onChange={setOpened}
        active={item.isActive(path)}
        variant="subtle"
        fw={600}
        childrenOffset={28}
      >
        {item.children.map((child) => (
          <ListEntry key={child.key} item={child} path={path} onNavigate={onNavigate} nested />
        ))}
      </NavLink>
    );
  }
  return (
    <NavLink
      component="a"
      href={`#${item.href}`}
      label={label}
      title={title}
      leftSection={<item.icon size={nested ? 18 : 20} />}
      active={item.isActive(path)}
      aria-current={item.isActive(path) ? 'page' : undefined}
      onClick={onNavigate}
      rightSection={
        item.soon ? (
          <Badge size="xs" variant="light" color="gray">
            {t('nav.soon')}
          </Badge>
        ) : undefined
      }
      c={item.soon ? 'dimmed' : undefined}
    />
  );
}

function RailEntry({ item, path }: { item: NavItem; path: string }) {
  const { t } = useTranslation('common');
  const label = t(item.labelKey);
  const active = item.isActive(path);
  const hint = item.soon ? t('nav.soon') : item.hotkey ? `Alt+${item.hotkey}` : null;
  return (
    <Tooltip
      position="right"
      withArrow
      openDelay={150}
      label={
        <>
          {label}
          {hint && (
            <Text span fz="xs" opacity={0.75} ml={8}>
              {hint}
            </Text>
          )}
        </>
      }
    >
      <UnstyledButton
        component="a"
        href={`#${item.href}`}
        className={classes.railEntry}
        data-active={active || undefined}
        data-soon={item.soon || undefined}
        aria-current={active ? 'page' : undefined}
      >
        <item.icon size={22} stroke={1.75} aria-hidden />
        <VisuallyHidden>{label}</VisuallyHidden>
      </UnstyledButton>
    </Tooltip>
  );
}

/**
 * The app's navigation, in the form the window width allows (AppNavbar.module.css): both forms
 * are rendered and CSS shows one, so a resize never flashes the wrong one.
 */
export function AppNavbar({ path, onNavigate }: { path: string; onNavigate: () => void }) {
  return (
    <>
      <div className={classes.list}>
        {navigation.map((item) => (
          <ListEntry key={item.key} item={item} path={path} onNavigate={onNavigate} />
        ))}
      </div>
      <div className={classes.rail}>
        {navigation.map((item, index) => (
          <Fragment key={item.key}>
            {/* A group's entries stand directly in the rail, set apart by a rule. */}
            {(item.children ?? [item]).map((entry) => (
              <RailEntry key={entry.key} item={entry} path={path} />
            ))}
            {item.children && index < navigation.length - 1 && <Divider className={classes.railDivider} />}
          </Fragment>
        ))}
      </div>
    </>
  );
}

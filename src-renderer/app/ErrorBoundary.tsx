import { Button, Center, Code, Collapse, Group, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconHome, IconRefresh } from '@tabler/icons-react';
import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { homePath } from './navigation';

interface Props {
  children: ReactNode;
  /** Called by "Try again" after the boundary has reset. */
  onReset?: () => void;
  /** 'page' inside the shell, 'app' around everything (then "reload" reloads the window). */
  scope?: 'page' | 'app';
}

interface State {
  error: Error | null;
}

/**
 * A rendering error shows a translated explanation and a way on, never a blank window.
 * The shell keys the page boundary by route, so navigating elsewhere clears it.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for the developer tools; the user sees the translated fallback.
    console.error('Render error', error, info.componentStack);
  }

  private readonly reset = () => {
    this.setState({ error: null });
    if (this.props.scope === 'app') window.location.reload();
    else this.props.onReset?.();
  };

  override render() {
    if (this.state.error) return <ErrorFallback error={this.state.error} onReset={this.reset} scope={this.props.scope ?? 'page'} />;
    return this.props.children;
  }
}

function ErrorFallback({ error, onReset, scope }: { error: Error; onReset: () => void; scope: 'page' | 'app' }) {
  const { t } = useTranslation('common');
  const [showDetails, setShowDetails] = useState(false);
  return (
    <Center mih={320} p="lg">
      <Stack align="center" gap="md" maw={620} role="alert">
        <ThemeIcon size={56} radius="xl" color="red" variant="light">
          <IconAlertTriangle size={32} />
        </ThemeIcon>
        <Title order={2} ta="center">
          {t('errorBoundary.title')}
        </Title>
        <Text ta="center">{t('errorBoundary.description')}</Text>
        <Group>
          <Button leftSection={<IconRefresh size={18} />} onClick={onReset}>
            {t('actions.reload')}
          </Button>
          <Button
            variant="default"
            component="a"
            href={`#${homePath}`}
            leftSection={<IconHome size={18} />}
            onClick={() => {
              // Outside the shell nothing re-renders on a route change: start afresh there.
              if (scope === 'app') window.setTimeout(() => window.location.reload(), 0);
            }}
          >
            {t('actions.goHome')}
          </Button>
        </Group>
        <UnstyledButton onClick={() => setShowDetails((v) => !v)} c="dimmed" fz="sm" aria-expanded={showDetails}>
          {t('errorBoundary.details')}
        </UnstyledButton>
        <Collapse expanded={showDetails}>
          <Code block>{`${error.name}: ${error.message}`}</Code>
        </Collapse>
      </Stack>
    </Center>
  );
}

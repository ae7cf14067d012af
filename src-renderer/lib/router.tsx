import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * A small hash router: the app runs from app:// in Electron and from the loopback host in a
 * browser, and hash routes work the same in both without server rewrites.
 */
export interface Location {
  path: string;
  query: URLSearchParams;
}

function readLocation(): Location {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?');
  return { path, query: new URLSearchParams(search) };
}

const RouterContext = createContext<Location>({ path: '/', query: new URLSearchParams() });

/** Told at once when the app itself navigates: 'hashchange' comes a task later, and a controlled switch or field would show its old value until then. */
const listeners = new Set<() => void>();

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(readLocation);
  // The hash the state was read from: a child's effect may change it before this effect runs.
  const [read] = useState(() => window.location.hash);
  useEffect(() => {
    let seen = read;
    const onChange = () => {
      if (window.location.hash === seen) return;
      seen = window.location.hash;
      setLocation(readLocation());
    };
    window.addEventListener('hashchange', onChange);
    listeners.add(onChange);
    onChange();
    return () => {
      window.removeEventListener('hashchange', onChange);
      listeners.delete(onChange);
    };
  }, [read]);
  return <RouterContext.Provider value={location}>{children}</RouterContext.Provider>;
}

export function useLocation(): Location {
  return useContext(RouterContext);
}

export function navigate(path: string, query?: Record<string, string | undefined>): void {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, v);
  const search = params.toString();
  window.location.hash = search ? `${path}?${search}` : path;
  for (const listener of listeners) listener();
}

export function useNavigate() {
  return useCallback(navigate, []);
}

/** Matches '/products/:id' against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i] ?? '';
    const seg = s[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return params;
}

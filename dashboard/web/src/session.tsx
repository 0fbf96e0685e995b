/** Who is signed in. The CSRF token from /auth/me or /auth/login is handed to the API client. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { DashboardUser, SessionResponse } from '../../server/api-types.ts';
import { ApiFailure, api, onUnauthorised, setCsrfToken } from './api/client.ts';

interface SessionState {
  user: DashboardUser | null;
  checking: boolean;
  /** Resolves with the recovery codes when this sign-in completed a two-factor enrolment. */
  signIn: (email: string, password: string, code?: string) => Promise<string[] | undefined>;
  /** After the recovery codes were shown: the signed-in user enters the dashboard. */
  completeSignIn: () => void;
  signOut: () => Promise<void>;
}

const Ctx = createContext<SessionState>({
  user: null,
  checking: true,
  signIn: async () => undefined,
  completeSignIn: () => {},
  signOut: async () => {},
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<DashboardUser | null>(null);
  const [checking, setChecking] = useState(true);
  const pending = useRef<DashboardUser | null>(null);

  useEffect(() => {
    api<SessionResponse>('/auth/me').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setUser(s.user);
        setChecking(false);
      },
      () => setChecking(false),
    );
    return onUnauthorised(() => setUser(null));
  }, []);

  const signIn = useCallback(async (email: string, password: string, code?: string) => {
    const body = { email, password, ...(code ? { code } : {}) };
    const s = await api<SessionResponse>('/auth/login', { method: 'POST', body });
    setCsrfToken(s.csrfToken);
    // Just enrolled: the recovery codes are shown on the sign-in page before the dashboard opens.
    if (s.recoveryCodes && s.recoveryCodes.length > 0) pending.current = s.user;
    else setUser(s.user);
    return s.recoveryCodes;
  }, []);

  const completeSignIn = useCallback(() => {
    if (pending.current) setUser(pending.current);
    pending.current = null;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch (err) {
      // Already signed out on the server: nothing left to do but forget the user here.
      if (!(err instanceof ApiFailure)) throw err;
    }
    setCsrfToken('');
    setUser(null);
  }, []);

  return <Ctx.Provider value={{ user, checking, signIn, completeSignIn, signOut }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  return useContext(Ctx);
}

export function canReadText(user: DashboardUser | null): boolean {
  return user?.role === 'analyst' || user?.role === 'admin';
}

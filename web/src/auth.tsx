import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, send, type CurrentUser } from './api';
import type { Permission } from './platform/module';

interface AuthState {
  user: CurrentUser | null;
  permissions: Permission[];
  roles: { value: string; label: string }[];
  loading: boolean;
  can: (permission: Permission) => boolean;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const [roles, setRoles] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      const me = await api<{ user: CurrentUser; permissions: Permission[]; roles: { value: string; label: string }[] }>('/api/auth/me');
      setUser(me.user);
      setPermissions(me.permissions);
      setRoles(me.roles);
    } catch {
      setUser(null);
      setPermissions([]);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const logout = useCallback(async () => {
    await send('POST', '/api/auth/logout').catch(() => {});
    setUser(null);
    setPermissions([]);
  }, []);
  const can = useCallback((p: Permission) => permissions.includes(p), [permissions]);
  return <AuthContext.Provider value={{ user, permissions, roles, loading, can, refresh, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

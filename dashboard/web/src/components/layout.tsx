import { type ReactNode, useEffect, useState } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useCitizensText } from '../pages/citizens-text.ts';
import { useReviewText } from '../pages/review-text.ts';
import { canReadText, useSession } from '../session.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { user, signOut } = useSession();
  const labels = useLabels();
  const rt = useReviewText();
  const ct = useCitizensText();
  const { pathname, search } = useLocation();
  // On narrow screens the navigation and account controls fold behind a menu button.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    if (pathname) setMenuOpen(false);
  }, [pathname]);
  // Filters follow the user from page to page (same URL query).
  const link = (to: string, label: string) => (
    // Choosing a page closes the menu at once (the route effect below also does, one paint later).
    <NavLink to={`${to}${search}`} end={to === '/'} onClick={() => setMenuOpen(false)}>
      {label}
    </NavLink>
  );
  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className={menuOpen ? 'topbar menu-open' : 'topbar'}>
        <div className="brand">{t('appTitle')}</div>
        <button
          type="button"
          className="secondary menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('menu')}
        </button>
        <nav aria-label="main" id="main-nav">
          {link('/', t('navOverview'))}
          {link('/topics', t('navTopics'))}
          {canReadText(user) && link('/messages', t('navMessages'))}
          {canReadText(user) && link('/review', rt('navReview'))}
          {canReadText(user) && link('/citizens', ct('nav'))}
          {link('/alerts', t('navAlerts'))}
          {link('/reports', t('navReports'))}
          {user?.role === 'admin' && link('/admin', t('navAdmin'))}
        </nav>
        <div className="account">
          <label className="lang-switch">
            <span className="sr-only">{t('language')}</span>
            <select
              name="ui-lang"
              value={lang}
              onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'vi')}
            >
              <option value="vi">Tiếng Việt</option>
              <option value="en">English</option>
            </select>
          </label>
          {user && (
            <>
              <span className="who" title={user.email}>
                {user.email} · {labels.role(user.role)}
              </span>
              <button type="button" className="secondary" onClick={() => void signOut()}>
                {t('signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/layout.tsx';
import { KnownMessageId, KnownTopic, NotFound } from './components/not-found.tsx';
import { FirstRun } from './components/setup-hints.tsx';
import { Loading } from './components/states.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { AdminPage } from './pages/admin.tsx';
import { AlertsPage } from './pages/alerts.tsx';
import { CitizensPage } from './pages/citizens.tsx';
import { LoginPage } from './pages/login.tsx';
import { MessagesPage } from './pages/messages.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { ReportsPage } from './pages/reports.tsx';
import { ReviewPage } from './pages/review.tsx';
import { TopicPage, TopicsIndex } from './pages/topic.tsx';
import { canReadText, SessionProvider, useSession } from './session.tsx';
import './styles.css';

function Routed() {
  const { user, checking } = useSession();
  const location = useLocation();
  const { t } = useI18n();
  if (checking) return <Loading />;
  if (!user) {
    if (location.pathname === '/login') return <LoginPage />;
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  // A page the role may not open says so (and which role can), rather than "page not found".
  const forbidden = (
    <div className="state state-error" role="alert">
      <strong>{t('forbidden')}</strong>
      <span>{t('forbiddenHint')}</span>
    </div>
  );
  return (
    <Layout>
      <Routes>
        <Route
          path="/"
          element={
            <FirstRun>
              <OverviewPage />
            </FirstRun>
          }
        />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/topics" element={<TopicsIndex />} />
        <Route
          path="/topics/:topic"
          element={
            <KnownTopic>
              <TopicPage />
            </KnownTopic>
          }
        />
        <Route path="/messages" element={canReadText(user) ? <MessagesPage /> : forbidden} />
        <Route
          path="/messages/:id"
          element={
            canReadText(user) ? (
              <KnownMessageId>
                <MessagesPage />
              </KnownMessageId>
            ) : (
              forbidden
            )
          }
        />
        <Route path="/review" element={canReadText(user) ? <ReviewPage /> : forbidden} />
        <Route path="/citizens" element={canReadText(user) ? <CitizensPage /> : forbidden} />
        <Route path="/alerts" element={<AlertsPage />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/admin" element={user.role === 'admin' ? <AdminPage /> : forbidden} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <SessionProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </SessionProvider>
      </I18nProvider>
    </StrictMode>,
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { SessionResponse } from '../../src/newsroom/admin-api-contract.ts';
import { del, describeError, loadSession, setCsrfToken, whenSignedOut } from './api.ts';
import { Shell } from './components/shell.tsx';
import { setSiteTimeZone } from './format.tsx';
import { match, useRoute } from './router.ts';
import { AccountScreen } from './screens/account-screen.tsx';
import { AudienceScreen } from './screens/audience-screen.tsx';
import { AuthorsScreen } from './screens/authors-screen.tsx';
import { ChoosePassword } from './screens/choose-password.tsx';
import { EntitiesScreen } from './screens/entities-screen.tsx';
import { FrontsScreen } from './screens/fronts-screen.tsx';
import { ImportScreen } from './screens/import-screen.tsx';
import { MediaScreen } from './screens/media-screen.tsx';
import { NewslettersScreen } from './screens/newsletters-screen.tsx';
import { NotFound } from './screens/not-found.tsx';
import { SectionsScreen } from './screens/sections-screen.tsx';
import { SettingsScreen } from './screens/settings-screen.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { SponsorsScreen } from './screens/sponsors-screen.tsx';
import { StoryEditor } from './screens/story-editor.tsx';
import { StoryList } from './screens/story-list.tsx';
import { UsersScreen } from './screens/users-screen.tsx';
import { WireQueue } from './screens/wire-queue.tsx';
import { WireSourcesScreen } from './screens/wire-sources-screen.tsx';
import { SessionContext } from './session.ts';

export function App() {
  const [session, setSessionState] = useState<SessionResponse | null | undefined>(undefined);
  // Every time on every screen is shown in the site's zone, which the session answer names.
  const setSession = (next: SessionResponse | null | undefined) => {
    if (next?.site) setSiteTimeZone(next.site.timeZone);
    setSessionState(next);
  };
  const [failure, setFailure] = useState('');
  const route = useRoute();

  useEffect(() => {
    whenSignedOut(() => setSession(null));
    loadSession().then(setSession, (error) => setFailure(describeError(error)));
  }, []);

  if (failure) {
    return (
      <main class="center-screen" id="main">
        <h1>The newsroom could not start</h1>
        <p role="alert">{failure}</p>
        <button type="button" class="button" onClick={() => location.reload()}>
          Try again
        </button>
      </main>
    );
  }
  if (session === undefined) return <main class="center-screen" id="main" aria-busy="true"><p>Loading the newsroom…</p></main>;
  if (session === null) return <SignIn onSignedIn={setSession} />;

  const signOut = () => {
    void del('/session').finally(() => {
      setCsrfToken('');
      setSession(null);
    });
  };

  if (session.mustChangePassword) {
    const reload = () => loadSession().then(setSession, (error) => setFailure(describeError(error)));
    return <ChoosePassword user={session.user} onChanged={() => void reload()} onSignOut={signOut} />;
  }

  return (
    <SessionContext.Provider value={{ user: session.user, authorId: session.authorId ?? null, signOut }}>
      <Shell route={route}>{screenFor(route)}</Shell>
    </SessionContext.Provider>
  );
}

function screenFor(route: string) {
  if (match('/', route) || match('', route)) return <StoryList route={route} />;
  const story = match('/stories/:id', route);
  if (story) return <StoryEditor key={story.id} id={Number(story.id)} />;
  if (match('/wire', route)) return <WireQueue />;
  if (match('/sources', route)) return <WireSourcesScreen />;
  if (match('/fronts', route)) return <FrontsScreen />;
  if (match('/media', route)) return <MediaScreen />;
  if (match('/sections', route)) return <SectionsScreen />;
  if (match('/authors', route)) return <AuthorsScreen />;
  if (match('/sponsors', route)) return <SponsorsScreen />;
  if (match('/import', route)) return <ImportScreen />;
  if (match('/users', route)) return <UsersScreen />;
  if (match('/newsletters', route)) return <NewslettersScreen />;
  if (match('/audience', route)) return <AudienceScreen />;
  if (match('/entities', route)) return <EntitiesScreen />;
  if (match('/account', route)) return <AccountScreen />;
  if (match('/settings', route)) return <SettingsScreen />;
  return <NotFound />;
}

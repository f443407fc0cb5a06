/** Sign-in gate for the Client Admin Portal: client administrators, and supervisors (the Live view only). */
import type { MeView } from '../../src/protocol/views.js';
import { SignIn } from '../shared/SignIn.js';
import { Splash } from '../shared/Splash.js';
import { logout, useSession } from '../shared/session.js';
import { Portal } from './Portal.js';
import { PORTAL_WORDS as W } from './portalWords.js';

export function App() {
  const { session, signedIn, signedOut } = useSession();
  const signOut = () => {
    void logout()
      .catch(() => undefined)
      .then(() => signedOut());
  };

  switch (session.status) {
    case 'loading':
      return <Splash />;
    case 'error':
      return <Splash error={session.message} onRetry={session.retry} retrying={session.retrying} />;
    case 'signed-out':
      return (
        <SignIn
          title={W.product}
          subtitle={W.signInSubtitle}
          notice={session.notice}
          onSignedIn={signedIn}
        />
      );
    case 'signed-in':
      return session.me.role === 'admin' || session.me.role === 'supervisor' ? (
        <Portal key={session.me.id} me={session.me} onSignOut={signOut} onSignedOut={signedOut} />
      ) : (
        <NotAnAdmin me={session.me} onSignOut={signOut} />
      );
  }
}

function NotAnAdmin({ me, onSignOut }: { me: MeView; onSignOut: () => void }) {
  return (
    <main class="rc-signin">
      <div class="rc-signin-card rc-card">
        <h1 class="rc-signin-title">{W.product}</h1>
        <p>{W.notAdmin}</p>
        <p class="rc-muted">
          {W.signedInAs(me.email)}
          <a href="/agent">{W.agentConsole}</a>
          {W.agentConsoleAfter}
        </p>
        <button type="button" class="rc-btn rc-btn-secondary" onClick={onSignOut}>
          {W.signOut}
        </button>
      </div>
    </main>
  );
}

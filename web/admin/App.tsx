/** Sign-in gate for the Client Admin Portal: client administrators, and supervisors (the Live view only). */
import type { MeView } from '../../src/protocol/views.js';
import { SignIn } from '../shared/SignIn.js';
import { Splash } from '../shared/Splash.js';
import { logout, useSession } from '../shared/session.js';
import { Portal } from './Portal.js';

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
      return <Splash error={session.message} onRetry={session.retry} />;
    case 'signed-out':
      return (
        <SignIn
          title="Client Admin Portal"
          subtitle="Sign in to configure your chat queues."
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
        <h1 class="rc-signin-title">Client Admin Portal</h1>
        <p>This portal is for client administrators and supervisors.</p>
        <p class="rc-muted">
          You are signed in as {me.email}. Agents answer chats in the <a href="/agent">agent console</a>.
        </p>
        <button type="button" class="rc-btn rc-btn-secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </main>
  );
}

/** Sign-in gate for the agent console. */
import { SignIn } from '../shared/SignIn.js';
import { Splash } from '../shared/Splash.js';
import { logout, useSession } from '../shared/session.js';
import { Console } from './Console.js';
import { CONSOLE_WORDS } from './consoleWords.js';

export function App() {
  const { session, signedIn, signedOut } = useSession();

  switch (session.status) {
    case 'loading':
      return <Splash />;
    case 'error':
      return <Splash error={session.message} onRetry={session.retry} retrying={session.retrying} />;
    case 'signed-out':
      return <SignIn title={CONSOLE_WORDS.signIn} notice={session.notice} onSignedIn={signedIn} />;
    case 'signed-in':
      return (
        <Console
          key={session.me.id}
          me={session.me}
          onSignedOut={signedOut}
          onSignOut={() => {
            void logout()
              .catch(() => undefined)
              .then(() => signedOut());
          }}
        />
      );
  }
}

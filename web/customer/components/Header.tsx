/**
 * The card's brand-coloured header. The queue name is always the page's h1;
 * in the chat the agent's name and picture lead visually.
 */
import type { ComponentChildren } from 'preact';

interface HeaderProps {
  queueName: string;
  /** Shown under the queue name (e.g. the company), or above it when an agent leads. */
  subtitle?: string | undefined;
  agentName?: string | undefined;
  /** null/undefined: no image at all (the queue's policy says so). */
  pictureUrl?: string | null | undefined;
  children?: ComponentChildren;
}

export function Header({ queueName, subtitle, agentName, pictureUrl, children }: HeaderProps) {
  return (
    <header class="header">
      {pictureUrl && <img class="avatar" src={pictureUrl} alt={agentName ?? ''} width={44} height={44} />}
      <div class="header-text">
        {agentName ? (
          <>
            <p class="header-agent">{agentName}</p>
            <h1 class="header-sub">{queueName}</h1>
          </>
        ) : (
          <>
            <h1 class="header-title">{queueName}</h1>
            {subtitle && <p class="header-sub">{subtitle}</p>}
          </>
        )}
      </div>
      {children && <div class="header-actions">{children}</div>}
    </header>
  );
}

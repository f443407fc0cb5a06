/** A real SMTP server in the test process that keeps what it receives. */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  replyTo: string | undefined;
  subject: string;
  text: string;
  messageId: string | undefined;
  inReplyTo: string | undefined;
}

export interface SmtpOptions {
  /** Listen on this port (to bring a server back where a node expects it). @default a free port */
  port?: number;
  /** Keep each mail this long before taking it (a slow server). */
  delayMs?: number;
  /** Recipients refused for good, e.g. `/@bounce\.example$/` answered "550 No such mailbox". */
  refuseRecipients?: RegExp;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** While set, every MAIL FROM is answered with this temporary failure (4xx), e.g. "451 Try again later". */
  refuse: { code: number; message: string } | null;
  close(): Promise<void>;
}

export async function startSmtpServer(options: SmtpOptions = {}): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const state: TestSmtpServer = { url: '', port: 0, mails, refuse: null, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Tests close servers while nodes may still hold a connection: do not wait the default 30 s.
    closeTimeout: 500,
    onMailFrom(_address, _session, callback) {
      if (!state.refuse) return callback();
      callback(Object.assign(new Error(state.refuse.message), { responseCode: state.refuse.code }));
    },
    onRcptTo(address, _session, callback) {
      if (!options.refuseRecipients?.test(address.address)) return callback();
      callback(Object.assign(new Error(`No such mailbox: ${address.address}`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            replyTo: parsed.replyTo?.text,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId,
            inReplyTo: parsed.inReplyTo,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

/** Mail is sent after the request by the node's mail worker: waits for the first received mail matching `match`. */
export async function waitForMail(server: Pick<TestSmtpServer, 'mails'>, match: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = server.mails.find(match);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error('timed out waiting for a mail');
    await new Promise((r) => setTimeout(r, 25));
  }
}

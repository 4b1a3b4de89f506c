import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the test SMTP server accepted, parsed. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export interface TestSmtp {
  /** `smtp://127.0.0.1:<port>`: give it to the app as `SMTP_URL`. */
  url: string;
  /** `{ SMTP_URL: url }`, the app's env for this server (a StandIn for useBrowserApp). */
  env: Record<string, string>;
  /** Every message received so far, oldest first. */
  messages: ReceivedMail[];
  /** Messages to this address (any case), oldest first. */
  to: (address: string) => ReceivedMail[];
  /**
   * The first message to `address` matching `predicate` (received already or yet to come). Jobs
   * send mail after the response, so wait on this rather than reading `messages` at once. Rejects,
   * naming what it waited for, if none arrives within `timeoutMs`.
   */
  waitFor: (address: string, predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  close: () => Promise<void>;
}

/** The first absolute link in a mail's text whose path starts with `path` (e.g. `/reset-password`). */
export function linkIn(mail: ReceivedMail, path: string): URL {
  for (const [found] of mail.text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(found);
    if (url.pathname.startsWith(path)) return url;
  }
  throw new Error(`no ${path} link in the mail "${mail.subject}":\n${mail.text}`);
}

/**
 * A real SMTP server (the `smtp-server` package) on a free local port, without TLS or
 * authentication, that parses each message with `mailparser`. Start one per test file:
 *   const smtp = await startSmtp();
 *   const t = await createTestApp({ env: { SMTP_URL: smtp.url } });
 *   const mail = await smtp.waitFor(user.email, (m) => m.subject.includes('kata sandi'));
 *   …
 *   await smtp.close();
 * Every registration mails its account a verification link (identity), so pick messages by
 * address and content rather than counting all of them.
 */
export async function startSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          for (const wake of [...waiters]) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;

  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  const waitFor = (address: string, predicate: (mail: ReceivedMail) => boolean = () => true, timeoutMs = 15_000) =>
    new Promise<ReceivedMail>((resolve, reject) => {
      const check = () => {
        const found = to(address).find(predicate);
        if (!found) return false;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`no mail to ${address} matching ${predicate.toString()} within ${timeoutMs} ms; received: ${JSON.stringify(messages.map((m) => [m.to, m.subject]))}`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });

  return {
    url,
    env: { SMTP_URL: url },
    messages,
    to,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

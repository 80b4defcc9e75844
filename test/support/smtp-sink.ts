// A real SMTP server (smtp-server) on a free loopback port: it takes what the bot sends, parses each
// message back with mailparser, and refuses (550) the addresses a test names, as a mail server
// refuses an unknown mailbox.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** The envelope's recipients, as RCPT TO named them. */
  to: string[];
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** RCPT TO for these addresses answers 550. */
  refused: Set<string>;
  /** The mail to `address`, newest last. */
  mailTo(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) {
        const error = new Error("5.1.1 No such mailbox here") as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    refused,
    mailTo: (address) => received.filter((mail) => mail.to.includes(address)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The links a mail's plain-text part offers, by their label ("Accept: https://..."). */
export function linksIn(mail: ReceivedMail): Map<string, string> {
  const links = new Map<string, string>();
  for (const match of (mail.parsed.text ?? "").matchAll(/^([^:\n]+): (https?:\/\/\S+)$/gm)) {
    links.set(match[1] as string, match[2] as string);
  }
  return links;
}

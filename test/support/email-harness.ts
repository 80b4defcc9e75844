// Email as the bot runs it, around a test's own store and services: SMTP to a local sink (parsed
// back with mailparser), the signed links served over HTTP on loopback, and an outbox sender that
// delivers by email only, on the test's clock.
import type { Server } from "node:http";
import { pino } from "pino";
import { createEmailChannel } from "../../src/email/channel.js";
import { createHttpServer } from "../../src/http/server.js";
import { OutboxSender } from "../../src/outbox/sender.js";
import type { AppServices } from "../../src/services.js";
import { PrismaOutboxStore } from "../../src/store/outbox-repository.js";
import { freePort } from "./free-port.js";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.js";
import type { TempStore } from "./temp-store.js";

export interface EmailHarness {
  sink: SmtpSink;
  sender: OutboxSender;
  close(): Promise<void>;
}

export async function startEmailHarness(
  temp: TempStore,
  services: AppServices,
  now: () => Date,
): Promise<EmailHarness> {
  const sink = await startSmtpSink();
  const port = await freePort();
  const logger = pino({ level: "silent" });
  const email = createEmailChannel(
    {
      host: "127.0.0.1",
      port: sink.port,
      tls: "none",
      from: "ldg-bot <ldg-bot@ldg.example>",
      publicUrl: `http://127.0.0.1:${port}`,
      linkSecret: "a-test-secret-that-is-long-enough-to-sign-links",
      linkDays: 14,
    },
    temp.databaseUrl,
    temp.store,
    services,
    logger,
  );
  const sender = new OutboxSender({
    store: new PrismaOutboxStore(temp.store),
    platforms: [email.platform],
    logger,
    now,
  });
  const server: Server = createHttpServer({ emailLinks: email.linkHandler }, logger);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    sink,
    sender,
    async close() {
      email.close();
      await new Promise((resolve) => server.close(resolve));
      await sink.close();
    },
  };
}

// The app end to end from JavaScript: a request sent with @azure/service-bus gets its one completion event on the
// events topic and on the reply session it asked for. Run by io.amlcompute.provisioner.local.JsClientsOverLocalStackIT
// against a LocalStack (the whole app: Service Bus, ARM and Durable emulators, the local Functions host), with
// SERVICEBUS_CONNECTION_STRING and REQUEST_FILE (a sample request whose requestId is replaced by a fresh one).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { ServiceBusClient } from "@azure/service-bus";
import { eventually, required, runScenarios } from "../harness/scenarios.mjs";

const client = new ServiceBusClient(required("SERVICEBUS_CONNECTION_STRING"),
  { retryOptions: { maxRetries: 1, timeoutInMs: 10_000, retryDelayInMs: 200 } });
const requestId = `js-e2e-${randomUUID()}`;
const replySession = randomUUID();

function json(message) {
  return Buffer.isBuffer(message.body) ? JSON.parse(message.body.toString("utf8")) : message.body;
}

const scenarios = [
  ["a request sent from JavaScript gets its one event on its reply session", async () => {
    const request = JSON.parse(await readFile(required("REQUEST_FILE"), "utf8"));
    request.requestId = requestId;
    const sender = client.createSender("compute-requests");
    // The app reads a reply address and a correlation id from application properties only (ADR 0006).
    await sender.sendMessages({
      body: request, contentType: "application/json", messageId: requestId,
      applicationProperties: { correlationId: `corr-${requestId}`, replyTo: "compute-replies", replyToSessionId: replySession },
    });
    await sender.close();
    const replies = await client.acceptSession("compute-replies", replySession, { maxAutoLockRenewalDurationInMs: 0 });
    try {
      const [reply] = await eventually(() => replies.receiveMessages(1, { maxWaitTimeInMs: 2_000 }).then(
        (messages) => messages.length ? messages : null), { timeoutMs: 60_000, what: "the reply" });
      const event = json(reply);
      assert.equal(event.data.requestId, requestId);
      assert.equal(event.data.correlationId, `corr-${requestId}`);
      assert.equal(event.type, "io.amlcompute.compute.ready", JSON.stringify(event.data.errors));
      assert.equal(event.data.outcome, "attached");
      assert.equal(reply.sessionId, replySession);
      assert.equal(reply.subject, event.type);
      await replies.completeMessage(reply);
      assert.deepEqual(await replies.receiveMessages(1, { maxWaitTimeInMs: 1_000 }), [], "only one reply");
    } finally {
      await replies.close();
    }
  }],

  ["the same event is on the events topic, once, with the properties subscriptions filter on", async () => {
    const receiver = client.createReceiver("compute-events", "all-events");
    try {
      const mine = await eventually(async () => {
        const peeked = await receiver.peekMessages(250);
        const found = peeked.filter((m) => m.applicationProperties?.requestId === requestId);
        return found.length ? found : null;
      }, { timeoutMs: 30_000, what: "the event on all-events" });
      assert.equal(mine.length, 1, "one event per request");
      const [message] = mine;
      const event = json(message);
      assert.equal(event.type, "io.amlcompute.compute.ready");
      assert.equal(message.messageId, event.id);
      assert.equal(message.applicationProperties.eventType, event.type);
      assert.equal(message.applicationProperties.outcome, "attached");
      assert.equal(message.correlationId, `corr-${requestId}`);
    } finally {
      await receiver.close();
    }
  }],
];

const failed = await runScenarios(scenarios, { timeoutMs: 90_000 });
await client.close();
process.exit(failed === 0 ? 0 : 1);

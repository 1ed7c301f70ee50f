// The Service Bus emulator as the official JavaScript client sees it (@azure/service-bus 7.9.5 on rhea).
// Run by io.amlcompute.provisioner.local.servicebus.ServiceBusJsConformanceIT, which starts an emulator with the
// entities named below and passes SERVICEBUS_CONNECTION_STRING (and a key for the wrong-key scenario).
// Each scenario uses its own entity, so they do not see each other's messages.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { ServiceBusClient } from "@azure/service-bus";
import { eventually, required, runScenarios, sleep } from "../harness/scenarios.mjs";

const connectionString = required("SERVICEBUS_CONNECTION_STRING");
// Fail in seconds, not minutes: a broker that does not answer must not look like a slow one.
const clientOptions = { retryOptions: { maxRetries: 1, timeoutInMs: 10_000, retryDelayInMs: 200 } };
const client = new ServiceBusClient(connectionString, clientOptions);
const noRenewal = { maxAutoLockRenewalDurationInMs: 0 };
const WAIT = { maxWaitTimeInMs: 5_000 };

async function receiveExactly(receiver, count, what) {
  const received = [];
  const deadline = Date.now() + 10_000;
  while (received.length < count && Date.now() < deadline) {
    received.push(...(await receiver.receiveMessages(count - received.length, WAIT)));
  }
  assert.equal(received.length, count, `${what}: received ${received.length} of ${count}`);
  return received;
}

async function assertEmpty(receiver, what) {
  const left = await receiver.peekMessages(10);
  assert.deepEqual(left.map((m) => `${m.messageId}:${m.sequenceNumber}:${m.state}`), [], `${what} should be empty`);
}


const scenarios = [
  ["send and receive a single message with every system property", async () => {
    const sender = client.createSender("js-send");
    const receiver = client.createReceiver("js-send", noRenewal);
    try {
      await sender.sendMessages({
        body: "hello", messageId: "single-1", correlationId: "corr-1", subject: "greeting",
        contentType: "text/plain", to: "someone", replyTo: "js-replies", replyToSessionId: "reply-session",
        timeToLive: 60_000,
      });
      const [message] = await receiveExactly(receiver, 1, "single");
      assert.equal(message.body, "hello");
      assert.equal(message.messageId, "single-1");
      assert.equal(message.correlationId, "corr-1");
      assert.equal(message.subject, "greeting");
      assert.equal(message.contentType, "text/plain");
      assert.equal(message.to, "someone");
      assert.equal(message.replyTo, "js-replies");
      assert.equal(message.replyToSessionId, "reply-session");
      assert.equal(message.timeToLive, 60_000);
      assert.equal(message.deliveryCount, 0);
      assert.ok(message.sequenceNumber.toNumber() > 0, "sequence number");
      assert.ok(message.enqueuedTimeUtc instanceof Date, "enqueued time");
      assert.ok(message.lockedUntilUtc > new Date(Date.now() - 1000), "locked until");
      await receiver.completeMessage(message);
      await assertEmpty(receiver, "js-send");
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["object and Buffer bodies round-trip", async () => {
    const sender = client.createSender("js-send");
    const receiver = client.createReceiver("js-send", noRenewal);
    try {
      const object = { requestId: "r-1", nested: { list: [1, 2, 3], flag: true }, text: "ü€" };
      const buffer = Buffer.from([0, 1, 2, 254, 255]);
      await sender.sendMessages({ body: object, messageId: "object-body" });
      await sender.sendMessages({ body: buffer, messageId: "buffer-body" });
      const messages = await receiveExactly(receiver, 2, "bodies");
      const byId = Object.fromEntries(messages.map((m) => [m.messageId, m]));
      assert.deepEqual(byId["object-body"].body, object);
      assert.ok(Buffer.isBuffer(byId["buffer-body"].body), "a Buffer comes back as a Buffer");
      assert.deepEqual([...byId["buffer-body"].body], [...buffer]);
      for (const message of messages) {
        await receiver.completeMessage(message);
      }
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["application properties of every type round-trip", async () => {
    const sender = client.createSender("js-send");
    const receiver = client.createReceiver("js-send", noRenewal);
    const dates = client.createReceiver("js-send", { ...noRenewal, skipConvertingDate: true });
    try {
      // A Date travels as an AMQP timestamp; @azure/service-bus hands it back as epoch milliseconds unless the
      // receiver is created with skipConvertingDate (its convertDatesToNumbers), so both are checked.
      const when = new Date("2026-11-29T10:01:35.123Z");
      const properties = {
        text: "x", empty: "", integer: 42, negative: -7, large: 2 ** 40, fraction: 1.5, yes: true, no: false,
        when,
      };
      await sender.sendMessages({ body: "props", messageId: "props-1", applicationProperties: properties });
      const [message] = await receiveExactly(receiver, 1, "properties");
      const got = message.applicationProperties;
      for (const [name, value] of Object.entries(properties)) {
        assert.equal(got[name], value instanceof Date ? value.getTime() : value, name);
      }
      await receiver.abandonMessage(message);
      const [again] = await receiveExactly(dates, 1, "properties with dates kept");
      assert.ok(again.applicationProperties.when instanceof Date, "a Date with skipConvertingDate");
      assert.equal(again.applicationProperties.when.getTime(), when.getTime());
      await dates.completeMessage(again);
    } finally {
      await dates.close();
      await receiver.close();
      await sender.close();
    }
  }],

  ["send a batch and an array", async () => {
    const sender = client.createSender("js-send");
    const receiver = client.createReceiver("js-send", noRenewal);
    try {
      const batch = await sender.createMessageBatch();
      for (const id of ["batch-1", "batch-2", "batch-3"]) {
        assert.ok(batch.tryAddMessage({ body: id, messageId: id }), `${id} fits in the batch`);
      }
      assert.ok(batch.maxSizeInBytes > 0 && batch.maxSizeInBytes <= 256 * 1024, `max size ${batch.maxSizeInBytes}`);
      await sender.sendMessages(batch);
      await sender.sendMessages([{ body: "array-1", messageId: "array-1" }, { body: "array-2", messageId: "array-2" }]);
      const messages = await receiveExactly(receiver, 5, "batch and array");
      assert.deepEqual(messages.map((m) => m.messageId), ["batch-1", "batch-2", "batch-3", "array-1", "array-2"]);
      for (const message of messages) {
        await receiver.completeMessage(message);
      }
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["receive and delete takes messages without locks", async () => {
    const sender = client.createSender("js-send");
    const receiver = client.createReceiver("js-send", { receiveMode: "receiveAndDelete" });
    try {
      await sender.sendMessages([{ body: "gone-1", messageId: "gone-1" }, { body: "gone-2", messageId: "gone-2" }]);
      const messages = await receiveExactly(receiver, 2, "receive and delete");
      assert.deepEqual(messages.map((m) => m.messageId), ["gone-1", "gone-2"]);
      assert.equal(messages[0].lockToken, undefined, "no lock token");
      const left = await receiver.peekMessages(10);
      assert.deepEqual(left.map((m) => m.messageId), [], "js-send after receive-and-delete");
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["abandon counts a delivery and makes the message available again", async () => {
    const sender = client.createSender("js-settle");
    const receiver = client.createReceiver("js-settle", noRenewal);
    try {
      await sender.sendMessages({ body: "again", messageId: "abandon-1" });
      const [first] = await receiveExactly(receiver, 1, "first delivery");
      await receiver.abandonMessage(first, { retriedBy: "js" });
      const [second] = await receiveExactly(receiver, 1, "second delivery");
      assert.equal(second.messageId, "abandon-1");
      assert.equal(second.deliveryCount, 1);
      assert.equal(second.applicationProperties.retriedBy, "js", "properties to modify were applied");
      await receiver.completeMessage(second);
      await assertEmpty(receiver, "js-settle");
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["defer and receive the deferred message by sequence number", async () => {
    const sender = client.createSender("js-settle");
    const receiver = client.createReceiver("js-settle", noRenewal);
    try {
      await sender.sendMessages({ body: "later", messageId: "defer-1" });
      const [message] = await receiveExactly(receiver, 1, "to defer");
      await receiver.deferMessage(message);
      assert.deepEqual(await receiver.receiveMessages(1, { maxWaitTimeInMs: 1_000 }), [],
        "a deferred message is not received again");
      const [peeked] = await receiver.peekMessages(1);
      assert.equal(peeked.state, "deferred");
      const [deferred] = await receiver.receiveDeferredMessages(message.sequenceNumber);
      assert.equal(deferred.messageId, "defer-1");
      await receiver.completeMessage(deferred);
      await assertEmpty(receiver, "js-settle");
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["dead-letter with reason and description, then read the dead-letter sub-queue", async () => {
    const sender = client.createSender("js-dead");
    const receiver = client.createReceiver("js-dead", noRenewal);
    const deadLetters = client.createReceiver("js-dead", { ...noRenewal, subQueueType: "deadLetter" });
    try {
      await sender.sendMessages({ body: "poison", messageId: "dead-1" });
      const [message] = await receiveExactly(receiver, 1, "to dead-letter");
      await receiver.deadLetterMessage(message, {
        deadLetterReason: "ValidationFailed", deadLetterErrorDescription: "computeName is missing",
      });
      await assertEmpty(receiver, "js-dead");
      const [dead] = await receiveExactly(deadLetters, 1, "dead letter");
      assert.equal(dead.messageId, "dead-1");
      assert.equal(dead.deadLetterReason, "ValidationFailed");
      assert.equal(dead.deadLetterErrorDescription, "computeName is missing");
      assert.equal(dead.deadLetterSource, undefined,
        "Service Bus sets deadLetterSource only on messages auto-forwarded from a dead-letter queue");
      await deadLetters.completeMessage(dead);
    } finally {
      await deadLetters.close();
      await receiver.close();
      await sender.close();
    }
  }],

  ["abandoned MaxDeliveryCount times goes to the dead-letter sub-queue", async () => {
    const sender = client.createSender("js-dead");
    const receiver = client.createReceiver("js-dead", noRenewal);
    const deadLetters = client.createReceiver("js-dead", { ...noRenewal, subQueueType: "deadLetter" });
    try {
      await sender.sendMessages({ body: "never works", messageId: "max-1" });
      for (let attempt = 0; attempt < 3; attempt++) { // js-dead: MaxDeliveryCount 3
        const [message] = await receiveExactly(receiver, 1, `attempt ${attempt}`);
        assert.equal(message.deliveryCount, attempt);
        await receiver.abandonMessage(message);
      }
      await assertEmpty(receiver, "js-dead");
      const [dead] = await receiveExactly(deadLetters, 1, "dead letter");
      assert.equal(dead.messageId, "max-1");
      assert.equal(dead.deadLetterReason, "MaxDeliveryCountExceeded");
      await deadLetters.completeMessage(dead);
    } finally {
      await deadLetters.close();
      await receiver.close();
      await sender.close();
    }
  }],

  ["renew a lock, then let it expire: settling fails and the message comes back", async () => {
    const sender = client.createSender("js-short-lock"); // lock duration 2 s
    const receiver = client.createReceiver("js-short-lock", noRenewal);
    try {
      await sender.sendMessages({ body: "slow", messageId: "lock-1" });
      const [message] = await receiveExactly(receiver, 1, "locked");
      const before = message.lockedUntilUtc;
      await sleep(500);
      const renewed = await receiver.renewMessageLock(message);
      assert.ok(renewed > before, `renewed ${renewed.toISOString()} after ${before.toISOString()}`);
      await sleep(2_500);
      await assert.rejects(receiver.completeMessage(message), (error) => {
        assert.equal(error.code, "MessageLockLost");
        return true;
      });
      const [again] = await receiveExactly(receiver, 1, "redelivered");
      assert.equal(again.messageId, "lock-1");
      assert.equal(again.deliveryCount, 1, "an expired lock counts a delivery");
      await receiver.completeMessage(again);
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["peek shows messages in order without locking them", async () => {
    const sender = client.createSender("js-peek");
    const receiver = client.createReceiver("js-peek", noRenewal);
    try {
      await sender.sendMessages(["p-1", "p-2", "p-3"].map((id) => ({ body: id, messageId: id })));
      const peeked = await receiver.peekMessages(10);
      assert.deepEqual(peeked.map((m) => m.messageId), ["p-1", "p-2", "p-3"]);
      assert.equal(peeked[0].lockToken, undefined);
      const fromSecond = await receiver.peekMessages(10, { fromSequenceNumber: peeked[1].sequenceNumber });
      assert.deepEqual(fromSecond.map((m) => m.messageId), ["p-2", "p-3"]);
      const taken = await receiveExactly(receiver, 3, "after peek");
      assert.deepEqual(taken.map((m) => m.messageId), ["p-1", "p-2", "p-3"]);
      for (const message of taken) {
        await receiver.completeMessage(message);
      }
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["schedule, cancel, and receive a scheduled message when it is due", async () => {
    const sender = client.createSender("js-schedule");
    const receiver = client.createReceiver("js-schedule", noRenewal);
    try {
      const [cancelled] = await sender.scheduleMessages({ body: "never", messageId: "cancel-me" },
        new Date(Date.now() + 60_000));
      const [peeked] = await receiver.peekMessages(1);
      assert.equal(peeked.messageId, "cancel-me");
      assert.equal(peeked.state, "scheduled");
      await sender.cancelScheduledMessages(cancelled);
      await assertEmpty(receiver, "js-schedule after cancel");
      const due = new Date(Date.now() + 1_500);
      await sender.scheduleMessages({ body: "soon", messageId: "due-1" }, due);
      assert.deepEqual(await receiver.receiveMessages(1, { maxWaitTimeInMs: 500 }), [], "not before it is due");
      const [message] = await receiveExactly(receiver, 1, "due");
      assert.equal(message.messageId, "due-1");
      assert.ok(Date.now() >= due.getTime() - 50, "received no earlier than due");
      await receiver.completeMessage(message);
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["sessions: a named session, its state, lock renewal, then the next available one", async () => {
    const sender = client.createSender("js-sessions");
    try {
      await sender.sendMessages([
        { body: "a1", messageId: "a1", sessionId: "session-a" },
        { body: "b1", messageId: "b1", sessionId: "session-b" },
        { body: "a2", messageId: "a2", sessionId: "session-a" },
      ]);
      const a = await client.acceptSession("js-sessions", "session-a", noRenewal);
      try {
        assert.equal(a.sessionId, "session-a");
        const messages = await receiveExactly(a, 2, "session-a");
        assert.deepEqual(messages.map((m) => m.messageId), ["a1", "a2"]);
        await a.setSessionState(Buffer.from("checkpoint-2"));
        assert.equal((await a.getSessionState()).toString(), "checkpoint-2");
        const lockedUntil = a.sessionLockedUntilUtc;
        await sleep(20);
        assert.ok(await a.renewSessionLock() >= lockedUntil, "session lock renewed");
        for (const message of messages) {
          await a.completeMessage(message);
        }
        await assert.rejects(client.acceptSession("js-sessions", "session-a", noRenewal), (error) => {
          assert.equal(error.code, "SessionCannotBeLocked");
          return true;
        }, "a session held by another receiver cannot be accepted");
      } finally {
        await a.close();
      }
      const next = await client.acceptNextSession("js-sessions", noRenewal);
      try {
        assert.equal(next.sessionId, "session-b");
        const [b1] = await receiveExactly(next, 1, "session-b");
        assert.equal(b1.messageId, "b1");
        await next.completeMessage(b1);
      } finally {
        await next.close();
      }
      const again = await client.acceptSession("js-sessions", "session-a", noRenewal);
      try {
        assert.equal((await again.getSessionState()).toString(), "checkpoint-2", "the state outlives the receiver");
        await again.setSessionState(null);
      } finally {
        await again.close();
      }
    } finally {
      await sender.close();
    }
  }],

  ["topic subscriptions deliver what their correlation filters admit", async () => {
    const sender = client.createSender("js-topic");
    const all = client.createReceiver("js-topic", "all", noRenewal);
    const red = client.createReceiver("js-topic", "red", noRenewal);
    const ready = client.createReceiver("js-topic", "ready", noRenewal);
    try {
      await sender.sendMessages([
        { body: 1, messageId: "red-ready", subject: "compute.ready", applicationProperties: { color: "red" } },
        { body: 2, messageId: "blue-ready", subject: "compute.ready", applicationProperties: { color: "blue" } },
        { body: 3, messageId: "red-failed", subject: "compute.failed", applicationProperties: { color: "red" } },
      ]);
      const ids = async (receiver, count, what) => {
        const messages = await receiveExactly(receiver, count, what);
        for (const message of messages) {
          await receiver.completeMessage(message);
        }
        return messages.map((m) => m.messageId);
      };
      assert.deepEqual(await ids(all, 3, "all"), ["red-ready", "blue-ready", "red-failed"]);
      assert.deepEqual(await ids(red, 2, "red"), ["red-ready", "red-failed"]);
      assert.deepEqual(await ids(ready, 2, "ready"), ["red-ready", "blue-ready"]);
      for (const [receiver, name] of [[all, "all"], [red, "red"], [ready, "ready"]]) {
        await assertEmpty(receiver, `subscription ${name}`);
      }
    } finally {
      await Promise.all([all.close(), red.close(), ready.close()]);
      await sender.close();
    }
  }],

  ["duplicate detection drops a repeated MessageId", async () => {
    const sender = client.createSender("js-dupes");
    const receiver = client.createReceiver("js-dupes", noRenewal);
    try {
      await sender.sendMessages({ body: "first", messageId: "same-id" });
      await sender.sendMessages({ body: "second", messageId: "same-id" });
      await sender.sendMessages({ body: "other", messageId: "other-id" });
      const messages = await receiveExactly(receiver, 2, "deduplicated");
      assert.deepEqual(messages.map((m) => [m.messageId, m.body]), [["same-id", "first"], ["other-id", "other"]]);
      for (const message of messages) {
        await receiver.completeMessage(message);
      }
      await assertEmpty(receiver, "js-dupes");
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["a message over the link's max-message-size is refused and nothing is stored", async () => {
    const sender = client.createSender("js-size");
    const receiver = client.createReceiver("js-size", noRenewal);
    try {
      const body = Buffer.alloc(300 * 1024, 0x61);
      await assert.rejects(sender.sendMessages({ body, messageId: "too-big" }), (error) => {
        assert.equal(error.code, "MessageSizeExceeded", `${error.name} ${error.code}: ${error.message} ${JSON.stringify(error)}`);
        return true;
      });
      await assertEmpty(receiver, "js-size");
      await sender.sendMessages({ body: "small", messageId: "small-after" });
      const [message] = await receiveExactly(receiver, 1, "a normal message after the refusal");
      assert.equal(message.messageId, "small-after");
      await receiver.completeMessage(message);
    } finally {
      await receiver.close();
      await sender.close();
    }
  }],

  ["a connection string with the wrong key is refused", async () => {
    const wrong = connectionString.replace(/SharedAccessKey=[^;]*/, "SharedAccessKey=" +
      Buffer.from(randomUUID()).toString("base64"));
    assert.notEqual(wrong, connectionString);
    const intruder = new ServiceBusClient(wrong, { retryOptions: { maxRetries: 0, timeoutInMs: 10_000 } });
    const sender = intruder.createSender("js-send");
    try {
      await assert.rejects(sender.sendMessages({ body: "let me in", messageId: "intruder" }), (error) => {
        assert.equal(error.code, "UnauthorizedAccess", `${error.code}: ${error.message}`);
        return true;
      });
    } finally {
      await sender.close();
      await intruder.close();
    }
    const receiver = client.createReceiver("js-send", noRenewal);
    try {
      await assertEmpty(receiver, "js-send after the refused send");
    } finally {
      await receiver.close();
    }
  }],
];

const failed = await runScenarios(scenarios);
await client.close();
process.exit(failed === 0 ? 0 : 1);

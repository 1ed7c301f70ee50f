// Sends one compute request to the requests queue and waits for its completion event on a reply session of its own.
//
//   SERVICEBUS_CONNECTION_STRING='Endpoint=sb://…' node producer.mjs ../../requests/attach-databricks.json
//
// Prints the event (one JSON line) on stdout; exits 0 when the compute is ready (or deleted/detached), 1 when the
// request failed, timed out or was rejected, 2 when no event came within --timeout (default 10 minutes).
// Against Azure, use a connection string with Send and Listen rights, or swap in DefaultAzureCredential.
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { ServiceBusClient } from "@azure/service-bus";

const REQUESTS_QUEUE = process.env.COMPUTE_REQUESTS_QUEUE ?? "compute-requests";
const REPLIES_QUEUE = process.env.COMPUTE_REPLIES_QUEUE ?? "compute-replies";
const SUCCESS = new Set(["io.amlcompute.compute.ready", "io.amlcompute.compute.deleted", "io.amlcompute.compute.detached"]);

const [file, ...options] = process.argv.slice(2);
const connectionString = process.env.SERVICEBUS_CONNECTION_STRING;
if (!file || !connectionString) {
  console.error("usage: SERVICEBUS_CONNECTION_STRING=… node producer.mjs REQUEST.json [--timeout SECONDS]");
  process.exit(64);
}
const timeoutSeconds = Number(option("--timeout") ?? 600);

const request = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
const requestId = request.requestId ?? randomUUID();
request.requestId = requestId; // the app reads the request id from the body
const replySession = randomUUID();
const client = new ServiceBusClient(connectionString);
try {
  const sender = client.createSender(REQUESTS_QUEUE);
  // MessageId = requestId: the queue's duplicate detection then drops an accidental resend.
  // What to do besides the body travels in application properties: the app reads no Service Bus ReplyTo.
  await sender.sendMessages({
    body: request,
    contentType: "application/json",
    messageId: requestId,
    applicationProperties: {
      correlationId: request.correlationId ?? requestId,
      replyTo: REPLIES_QUEUE,
      replyToSessionId: replySession,
    },
  });
  await sender.close();
  console.error(`sent ${requestId}; waiting up to ${timeoutSeconds}s for its event on ${REPLIES_QUEUE} session ${replySession}`);

  // The session is ours alone, so accepting it never waits for another receiver.
  const replies = await client.acceptSession(REPLIES_QUEUE, replySession);
  const deadline = Date.now() + timeoutSeconds * 1000;
  let event;
  while (!event && Date.now() < deadline) {
    const [message] = await replies.receiveMessages(1, { maxWaitTimeInMs: Math.min(30_000, deadline - Date.now()) });
    if (message) {
      await replies.completeMessage(message);
      const body = Buffer.isBuffer(message.body) ? JSON.parse(message.body.toString("utf8")) : message.body;
      if (body?.data?.requestId === requestId) {
        event = body;
      }
    }
  }
  await replies.close();
  if (!event) {
    console.error(`no event for ${requestId} within ${timeoutSeconds}s`);
    process.exitCode = 2;
  } else {
    console.log(JSON.stringify(event));
    console.error(`${event.type} (outcome: ${event.data.outcome ?? "none"})`);
    process.exitCode = SUCCESS.has(event.type) ? 0 : 1;
  }
} finally {
  await client.close();
}

function option(name) {
  const index = options.indexOf(name);
  return index >= 0 ? options[index + 1] : undefined;
}

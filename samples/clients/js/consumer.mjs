// Reacts to completion events on a filtered subscription of the events topic: by default `compute-failed`, which
// takes only io.amlcompute.compute.failed events (its rule filters on the message Subject, the event type).
//
//   SERVICEBUS_CONNECTION_STRING='Endpoint=sb://…' node consumer.mjs [--subscription compute-failed]
//                                                    [--max-events N] [--timeout SECONDS]
//
// Prints each event as one JSON line on stdout and completes it; stops after --max-events events or --timeout
// seconds (default: run until Ctrl-C). An event it cannot handle is abandoned, so Service Bus redelivers it and,
// after MaxDeliveryCount attempts, dead-letters it.
import { ServiceBusClient } from "@azure/service-bus";

const TOPIC = process.env.COMPUTE_EVENTS_TOPIC ?? "compute-events";
const options = process.argv.slice(2);
const subscription = option("--subscription") ?? "compute-failed";
const maxEvents = option("--max-events") ? Number(option("--max-events")) : Infinity;
const timeoutSeconds = option("--timeout") ? Number(option("--timeout")) : undefined;
const connectionString = process.env.SERVICEBUS_CONNECTION_STRING;
if (!connectionString) {
  console.error("usage: SERVICEBUS_CONNECTION_STRING=… node consumer.mjs [--subscription NAME] [--max-events N] [--timeout SECONDS]");
  process.exit(64);
}

const client = new ServiceBusClient(connectionString);
const receiver = client.createReceiver(TOPIC, subscription);
let seen = 0;
let stop;
const stopped = new Promise((resolve) => { stop = resolve; });

const subscriptionHandle = receiver.subscribe({
  async processMessage(message) {
    const event = Buffer.isBuffer(message.body) ? JSON.parse(message.body.toString("utf8")) : message.body;
    handle(event);
    seen++;
    if (seen >= maxEvents) {
      stop();
    }
  },
  async processError({ error, errorSource }) {
    console.error(`${errorSource}: ${error.message}`);
  },
}, { autoCompleteMessages: true }); // returning normally completes the message; throwing abandons it

console.error(`listening on ${TOPIC}/subscriptions/${subscription}`);
process.on("SIGINT", () => stop());
if (timeoutSeconds !== undefined) {
  setTimeout(() => stop(), timeoutSeconds * 1000).unref();
}
await stopped;
await subscriptionHandle.close();
await receiver.close();
await client.close();
console.error(`${seen} event(s)`);

/** What a consumer does with a failure: here, print it; a real one would alert, open a ticket, or retry. */
function handle(event) {
  console.log(JSON.stringify(event));
  const errors = (event.data?.errors ?? []).map((error) => error.code).join(", ");
  console.error(`${event.type} ${event.data?.requestId} ${event.data?.compute?.name}: ${errors || "no error codes"}`);
}

function option(name) {
  const index = options.indexOf(name);
  return index >= 0 ? options[index + 1] : undefined;
}

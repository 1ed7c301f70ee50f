// The ARM emulator as the official JavaScript management client sees it: @azure/arm-machinelearning 2.1.1, which
// sends api-version 2022-10-01, on @azure/core-client and @azure/core-lro. Run by
// io.amlcompute.provisioner.local.arm.ArmJsConformanceIT, which starts an emulator over loopback http with a bearer
// token, a seeded workspace, a Databricks workspace and a VM to attach, and passes them in the environment.
import assert from "node:assert/strict";
import { AzureMachineLearningWorkspaces } from "@azure/arm-machinelearning";
import { createClientPipeline } from "@azure/core-client";
import { bearerTokenAuthenticationPolicyName } from "@azure/core-rest-pipeline";
import { required, runScenarios } from "../harness/scenarios.mjs";

const endpoint = required("ARM_ENDPOINT");
const token = required("ARM_TOKEN");
const subscription = required("ARM_SUBSCRIPTION");
const group = required("ARM_RESOURCE_GROUP");
const workspace = required("ARM_WORKSPACE");
const location = required("ARM_LOCATION");
const databricksId = required("DATABRICKS_ID");
const databricksToken = required("DATABRICKS_TOKEN");
const vmId = required("VM_ID");

// Any TokenCredential works; this one hands out the token the emulator was started with.
function staticCredential(value) {
  return { getToken: async () => ({ token: value, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

// Two guards stand between the client and http://127.0.0.1 (docs/local/arm-emulator.md):
// - core-rest-pipeline 1.24's bearerTokenAuthenticationPolicy throws on any http:// URL, whatever
//   allowInsecureConnection says. The client adds that policy only when the pipeline it is given has no policy of
//   the same name, so the pipeline below carries one that sets the header itself, and only towards loopback.
// - the Node HTTP client (@typespec/ts-http-runtime 0.3.6) refuses http:// unless the request allows it: the
//   client option allowInsecureConnection sets that on every request, LRO polls and nextLink pages included.
function loopbackBearerPolicy(credential, scope) {
  return {
    name: bearerTokenAuthenticationPolicyName,
    async sendRequest(request, next) {
      const { protocol, hostname } = new URL(request.url);
      if (protocol !== "https:" && !["127.0.0.1", "localhost", "[::1]"].includes(hostname)) {
        throw new Error(`refusing to send a bearer token over ${protocol} to ${hostname}`);
      }
      const accessToken = await credential.getToken(scope, { abortSignal: request.abortSignal });
      request.headers.set("Authorization", `Bearer ${accessToken.token}`);
      return next(request);
    },
  };
}

function clientWith(credential) {
  const pipeline = createClientPipeline({});
  pipeline.addPolicy(loopbackBearerPolicy(credential, `${endpoint}/.default`), { phase: "Sign" });
  return new AzureMachineLearningWorkspaces(credential, subscription,
    { endpoint, pipeline, allowInsecureConnection: true });
}

const client = clientWith(staticCredential(token));
const computes = client.computeOperations;
// The emulator sends no Retry-After (its retryAfter is zero), so the poller's own interval applies.
const FAST = { updateIntervalInMs: 50 };

function cluster(maxNodeCount, vmSize = "STANDARD_DS3_V2") {
  return {
    location,
    properties: {
      computeType: "AmlCompute",
      description: "made by @azure/arm-machinelearning",
      properties: {
        vmSize, vmPriority: "Dedicated", osType: "Linux", remoteLoginPortPublicAccess: "NotSpecified",
        scaleSettings: { minNodeCount: 0, maxNodeCount, nodeIdleTimeBeforeScaleDown: "PT5M" },
      },
    },
  };
}

async function assertGone(name) {
  await assert.rejects(computes.get(group, workspace, name), (error) => {
    assert.equal(error.name, "RestError");
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, "ResourceNotFound");
    return true;
  });
}

// ComputeInstance is emulated from api-version 2025-12-01 on (docs/local/arm-emulator.md: the 2022-10-01
// ComputeInstanceProperties were not diffed, so a 2022-10-01 GET shows an instance without its properties.properties).
// The instance is made and read in 2025-12-01 with plain HTTP, as the app's own gateway does; its power actions, ARM's
// long-running POSTs, are the client's own, in 2022-10-01, with its poller following the Location header.
function instanceUrl(name) {
  return `${endpoint}/subscriptions/${subscription}/resourceGroups/${group}/providers/`
    + `Microsoft.MachineLearningServices/workspaces/${workspace}/computes/${name}?api-version=2025-12-01`;
}

async function seedInstance(name) {
  const response = await fetch(instanceUrl(name), {
    method: "PUT",
    headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      location,
      properties: {
        computeType: "ComputeInstance",
        properties: { vmSize: "STANDARD_DS3_V2", applicationSharingPolicy: "Shared",
          sshSettings: { sshPublicAccess: "Disabled" } },
      },
    }),
  });
  assert.equal(response.status, 201, await response.text());
}

async function readInstance(name) {
  const response = await fetch(instanceUrl(name), { headers: { "Authorization": `Bearer ${token}` } });
  assert.equal(response.status, 200);
  const instance = await response.json();
  assert.equal(instance.properties.computeType, "ComputeInstance");
  return instance.properties.properties;
}

async function instanceState(name) {
  return (await readInstance(name)).state;
}

async function until(read, wanted) {
  const deadline = Date.now() + 10_000;
  let seen;
  while (Date.now() < deadline) {
    seen = await read();
    if (seen === wanted) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`still ${seen}, never ${wanted}`);
}

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

const scenarios = [
  ["create a cluster with the poller (beginCreateOrUpdateAndWait)", async () => {
    const created = await computes.beginCreateOrUpdateAndWait(group, workspace, "js-cluster", cluster(4), FAST);
    assert.equal(created.name, "js-cluster");
    assert.equal(created.type, "Microsoft.MachineLearningServices/workspaces/computes");
    assert.equal(created.location, location);
    assert.equal(created.properties.computeType, "AmlCompute");
    assert.equal(created.properties.provisioningState, "Succeeded");
  }],

  ["get returns the cluster in the 2022-10-01 shape", async () => {
    const compute = await computes.get(group, workspace, "js-cluster");
    assert.equal(compute.id, `/subscriptions/${subscription}/resourceGroups/${group}/providers/`
      + `Microsoft.MachineLearningServices/workspaces/${workspace}/computes/js-cluster`);
    assert.equal(compute.properties.description, "made by @azure/arm-machinelearning");
    assert.equal(compute.properties.isAttachedCompute, false);
    assert.equal(compute.properties.disableLocalAuth, false);
    assert.ok(compute.properties.createdOn instanceof Date, "createdOn is a date-time");
    assert.ok(compute.systemData.createdAt instanceof Date, "systemData.createdAt is a date-time");
    const aml = compute.properties.properties;
    assert.equal(aml.vmSize, "STANDARD_DS3_V2");
    assert.equal(aml.osType, "Linux");
    assert.equal(aml.remoteLoginPortPublicAccess, "Enabled", "NotSpecified is resolved after create");
    assert.deepEqual({ ...aml.scaleSettings },
      { minNodeCount: 0, maxNodeCount: 4, nodeIdleTimeBeforeScaleDown: "PT5M" });
    assert.equal(aml.allocationState, "Steady");
    assert.equal(aml.currentNodeCount, 0);
  }],

  ["list pages through nextLink", async () => {
    for (const name of ["js-page-a", "js-page-b", "js-page-c"]) {
      await computes.beginCreateOrUpdateAndWait(group, workspace, name, cluster(1), FAST);
    }
    const pages = await collect(computes.list(group, workspace).byPage());
    assert.ok(pages.length >= 2, `expected several pages, got ${pages.length}`);
    const names = (await collect(computes.list(group, workspace))).map((c) => c.name);
    for (const name of ["js-cluster", "js-page-a", "js-page-b", "js-page-c"]) {
      assert.ok(names.includes(name), `${name} in ${names}`);
    }
    assert.equal(new Set(names).size, names.length, "no compute listed twice");
    assert.equal(pages.flat().length, names.length);
  }],

  ["update the scale settings with the poller (beginUpdateAndWait)", async () => {
    const updated = await computes.beginUpdateAndWait(group, workspace, "js-cluster",
      { properties: { scaleSettings: { minNodeCount: 1, maxNodeCount: 6, nodeIdleTimeBeforeScaleDown: "PT10M" } } },
      FAST);
    assert.equal(updated.name, "js-cluster");
    const compute = await computes.get(group, workspace, "js-cluster");
    assert.equal(compute.properties.provisioningState, "Succeeded");
    assert.deepEqual({ ...compute.properties.properties.scaleSettings },
      { minNodeCount: 1, maxNodeCount: 6, nodeIdleTimeBeforeScaleDown: "PT10M" });
  }],

  ["attach a Databricks workspace and a VM", async () => {
    const databricks = await computes.beginCreateOrUpdateAndWait(group, workspace, "js-databricks", {
      location,
      properties: { computeType: "Databricks", resourceId: databricksId,
        properties: { databricksAccessToken: databricksToken } },
    }, FAST);
    assert.equal(databricks.properties.provisioningState, "Succeeded");
    const vm = await computes.beginCreateOrUpdateAndWait(group, workspace, "js-vm", {
      location,
      properties: { computeType: "VirtualMachine", resourceId: vmId, properties: { sshPort: 22 } },
    }, FAST);
    assert.equal(vm.properties.provisioningState, "Succeeded");

    const attached = await computes.get(group, workspace, "js-databricks");
    assert.equal(attached.properties.isAttachedCompute, true);
    assert.equal(attached.properties.resourceId, databricksId);
    assert.ok(attached.properties.properties.workspaceUrl.startsWith("https://"), "workspaceUrl");
    assert.equal(attached.properties.properties.databricksAccessToken, undefined, "the token is never returned");
    assert.ok(!JSON.stringify(attached).includes(databricksToken), "the token appears nowhere");
  }],

  ["detach an attached compute (beginDeleteAndWait with Detach)", async () => {
    await computes.beginDeleteAndWait(group, workspace, "js-databricks", "Detach", FAST);
    await assertGone("js-databricks");
    await computes.beginDeleteAndWait(group, workspace, "js-vm", "Detach", FAST);
    await assertGone("js-vm");
  }],

  ["delete a cluster (beginDeleteAndWait with Delete)", async () => {
    await computes.beginDeleteAndWait(group, workspace, "js-cluster", "Delete", FAST);
    await assertGone("js-cluster");
    // Deleting what is not there is a success (204), as ARM answers it.
    await computes.beginDeleteAndWait(group, workspace, "js-cluster", "Delete", FAST);
  }],

  ["a compute instance stops, starts and restarts with the poller (beginStopAndWait, beginStartAndWait, beginRestartAndWait)", async () => {
    await seedInstance("js-instance");
    await until(() => instanceState("js-instance"), "Running");
    await computes.beginStopAndWait(group, workspace, "js-instance", FAST);
    assert.equal(await instanceState("js-instance"), "Stopped");
    await computes.beginStartAndWait(group, workspace, "js-instance", FAST);
    assert.equal(await instanceState("js-instance"), "Running");
    await computes.beginRestartAndWait(group, workspace, "js-instance", FAST);
    assert.equal(await instanceState("js-instance"), "Running");
    const running = await computes.get(group, workspace, "js-instance");
    assert.equal(running.properties.computeType, "ComputeInstance", "the client reads the instance in 2022-10-01");
    assert.ok((await readInstance("js-instance")).applications.length > 0, "a running instance lists its applications");
  }],

  ["a stop during a start is refused with 409", async () => {
    await computes.beginStopAndWait(group, workspace, "js-instance", FAST);
    await computes.beginStart(group, workspace, "js-instance", FAST);
    await assert.rejects(computes.beginStopAndWait(group, workspace, "js-instance", FAST), (error) => {
      assert.equal(error.name, "RestError");
      assert.equal(error.statusCode, 409);
      return true;
    });
  }],

  ["ARM errors arrive as RestError with their code", async () => {
    await assert.rejects(
      computes.beginCreateOrUpdateAndWait(group, workspace, "js-too-big", cluster(1, "STANDARD_M416MS_V2"), FAST),
      (error) => error.statusCode === 400 && error.code === "VmSizeNotSupported");
    await assert.rejects(
      computes.beginDeleteAndWait(group, workspace, "js-page-a", "Detach", FAST),
      (error) => error.statusCode === 400 && error.code === "InvalidUnderlyingResourceAction");
    await assert.rejects(
      computes.beginCreateOrUpdateAndWait(group, workspace, "js-page-a", cluster(1), FAST),
      (error) => error.statusCode === 409 && error.code === "ComputeAlreadyExists");
  }],

  ["a wrong token is refused with 401", async () => {
    const stranger = clientWith(staticCredential("not-the-token"));
    await assert.rejects(stranger.computeOperations.get(group, workspace, "js-page-a"),
      (error) => error.statusCode === 401 && error.code === "InvalidAuthenticationToken");
  }],
];

const failed = await runScenarios(scenarios, { timeoutMs: 20_000 });
process.exitCode = failed === 0 ? 0 : 1;

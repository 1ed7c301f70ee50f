/**
 * A model of the Azure Functions Java worker (azure-functions-java-worker 2.17.0, the version the Functions host
 * 4.x ships): how it binds an invocation's {@link io.amlcompute.provisioner.local.host.worker.TypedData} to a
 * function's parameters, runs the middleware chain (durabletask's {@code OrchestrationMiddleware} included, the
 * real class, found as the worker finds it), calls the method on a new instance, and turns the return value or the
 * failure into what the worker sends back to the host.
 *
 * <p>Every rule cites its source in the worker, {@code Azure/azure-functions-java-worker} at tag 2.17.0, commit
 * {@value io.amlcompute.provisioner.local.host.worker.JavaWorker#SOURCE}; the rule table is
 * {@code docs/local/functions-host.md}. Where the model does not know what the worker would do, it fails loudly.
 */
package io.amlcompute.provisioner.local.host.worker;

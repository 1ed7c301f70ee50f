/**
 * The local Functions host: runs the unmodified function app's {@code @FunctionName} methods with their bindings
 * wired as the Azure Functions host and its Java worker wire them. Start here:
 * {@link io.amlcompute.provisioner.local.host.LocalFunctionsHost}.
 *
 * <ul>
 *   <li>{@code FunctionScanner}: lists the app package's classes (classes directory or jar) and their functions.</li>
 *   <li>{@code BindingResolver}: annotations to a {@code FunctionDefinition} ({@code TriggerBinding},
 *       {@code ParameterBinding}), {@code %Setting%} names resolved.</li>
 *   <li>{@code FunctionRunner} and the package {@code worker}: one invocation through the model of the Java
 *       worker.</li>
 *   <li>{@code ServiceBusTriggers}: processors, settled as the host settles Java functions.</li>
 *   <li>{@code DurableWorkItems}: orchestrators and activities on the real durabletask 1.4.0 workers.</li>
 *   <li>{@code HttpTriggers}, {@code LoopbackHttpServer}, {@code RequestTarget}, {@code PercentDecoding},
 *       {@code RouteTemplate}, {@code HttpRequestData}, {@code FunctionKeyCheck}: the HTTP triggers on loopback, the
 *       request read as Kestrel reads it, routed, key-checked, then handed to the worker.</li>
 *   <li>{@code TimerTriggers}, {@code NcrontabSchedule}, {@code TimerInfoValue}: timer triggers on NCRONTAB
 *       schedules.</li>
 *   <li>{@link io.amlcompute.provisioner.local.host.HostJson}: the host.json settings honoured.</li>
 * </ul>
 */
package io.amlcompute.provisioner.local.host;

package io.amlcompute.provisioner.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * A compute instance's setup scripts, by reference to files in the workspace's file share: ARM's
 * {@code setupScripts.scripts.creationScript} (run once, at provisioning) and {@code startupScript} (run at every
 * start). Sent as azure-ai-ml's {@code ScriptReference._to_rest_object} sends them: {@code scriptSource}
 * {@code workspaceStorage}, the path as {@code scriptData}, the arguments as {@code scriptArguments}, the timeout in
 * whole minutes as {@code "<n>m"} (Azure/azure-sdk-for-python, sdk/ml/azure-ai-ml/azure/ai/ml/entities/_compute/
 * _setup_scripts.py). Inline script bodies are not accepted: a request carries references only.
 *
 * @param creation null for none
 * @param startup  null for none
 */
public record SetupScripts(Script creation, Script startup) {

    public SetupScripts {
        if (creation == null && startup == null) {
            throw new IllegalArgumentException("setup scripts need a creation or a startup script");
        }
    }

    /**
     * @param path      relative path of the script in the workspace's file share, e.g. {@code Users/alice/setup.sh}
     * @param arguments command-line arguments, or null
     * @param timeout   how long the script may run, whole minutes; null for the service's default
     */
    public record Script(String path, String arguments, Duration timeout) {
        public Script {
            Objects.requireNonNull(path, "path");
            if (timeout != null && (timeout.isZero() || timeout.isNegative() || timeout.toSecondsPart() != 0
                    || timeout.toNanosPart() != 0)) {
                throw new IllegalArgumentException("a script timeout is a positive number of whole minutes: " + timeout);
            }
        }
    }
}

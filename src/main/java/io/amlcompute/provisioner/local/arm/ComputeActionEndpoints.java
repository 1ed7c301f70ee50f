package io.amlcompute.provisioner.local.arm;

import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * {@code POST P/computes/{name}/{action}}: the compute actions of the stable contract, listKeys and listNodes
 * ({@link ComputeListings}) and start, stop and restart ({@link InstancePowerCommands}). Each takes POST only (405 with
 * {@code Allow: POST} otherwise) and no body. Actions that only preview api-versions have (updateIdleShutdownSetting,
 * updateCustomServices, updateDataMounts, resize: contract notes section 2) are refused with the emulator's
 * OperationNotSupportedByEmulator.
 */
final class ComputeActionEndpoints {

    private final ComputeListings listings;
    private final InstancePowerCommands power;

    ComputeActionEndpoints(ComputeListings listings, InstancePowerCommands power) {
        this.listings = listings;
        this.power = power;
    }

    ArmResponse post(Workspace workspace, String name, String action, IncomingRequest request,
                     ComputeContract contract) {
        Optional<InstancePowerCommands.PowerAction> powerAction = InstancePowerCommands.PowerAction.of(action);
        boolean listNodes = action.equalsIgnoreCase("listNodes");
        boolean listKeys = action.equalsIgnoreCase("listKeys");
        if (powerAction.isEmpty() && !listNodes && !listKeys) {
            return ArmResponse.error(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("OperationNotSupportedByEmulator",
                    request.method() + " computes/{name}/" + action + " is not in the stable compute API; the"
                            + " emulator serves POST listKeys, listNodes, start, stop and restart."));
        }
        ArmRouter.requireMethod(request, "POST");
        if (listNodes) {
            return listings.listNodes(workspace, name);
        }
        if (listKeys) {
            return listings.listKeys(workspace, name);
        }
        return power.post(workspace, name, powerAction.get(), contract);
    }
}

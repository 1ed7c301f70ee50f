package io.amlcompute.provisioner.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ArmNames;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.WorkspaceRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.preflight.QuotaRow;
import io.amlcompute.provisioner.provisioning.preflight.RegionNames;
import io.amlcompute.provisioner.provisioning.preflight.RegionOffer;
import io.amlcompute.provisioner.provisioning.preflight.RegionReader;
import io.amlcompute.provisioner.provisioning.preflight.UsageRow;
import io.amlcompute.provisioner.provisioning.preflight.VmSizeOffer;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The {@link RegionReader} over ARM: three GETs per region, {@code VirtualMachineSizes_List}, {@code Usages_List} and
 * {@code Quotas_List} ({@code /subscriptions/{s}/providers/Microsoft.MachineLearningServices/locations/{location}/
 * vmSizes|usages|quotas}, 2025-12-01), through the gateway's {@link ArmExchange}, so they are retried, logged and
 * classified like every other ARM call (a 403 is {@link ErrorKind#FORBIDDEN}). Usages and quotas are pageable: each
 * {@code nextLink} is followed, but only on the same endpoint and path (a token is never sent elsewhere), and at most
 * {@value #MAX_PAGES} pages. The workspace's region comes from the gateway, which reads it once per workspace.
 * Thread-safe.
 */
final class ArmRegionReader implements RegionReader {

    static final int MAX_PAGES = 50;

    private final ArmEndpoint endpoint;
    private final String apiVersion;
    private final ArmExchange exchange;
    private final BiFunction<WorkspaceRef, String, String> workspaceRegion;

    ArmRegionReader(ArmEndpoint endpoint, String apiVersion, ArmExchange exchange,
                    BiFunction<WorkspaceRef, String, String> workspaceRegion) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.workspaceRegion = Objects.requireNonNull(workspaceRegion, "workspaceRegion");
    }

    @Override
    public String workspaceRegion(WorkspaceRef workspace, String correlationId) {
        return workspaceRegion.apply(workspace, correlationId);
    }

    @Override
    public RegionOffer read(String subscriptionId, String region, String correlationId) {
        if (!ArmNames.isSubscriptionId(subscriptionId) || !RegionNames.isValid(region)) {
            throw new ProvisioningException(ErrorKind.INVALID_REQUEST, "InvalidLocation",
                    "Not a subscription and region the location reads can address: " + subscriptionId + ", " + region);
        }
        String location = RegionNames.normalized(region);
        List<VmSizeOffer> sizes = RegionOfferJson.vmSizes(get(url(subscriptionId, location, "vmSizes"),
                correlationId));
        List<UsageRow> usages = pages(url(subscriptionId, location, "usages"), correlationId, RegionOfferJson::usages);
        List<QuotaRow> quotas = pages(url(subscriptionId, location, "quotas"), correlationId, RegionOfferJson::quotas);
        return new RegionOffer(subscriptionId, location, sizes, usages, quotas);
    }

    private <T> List<T> pages(URL first, String correlationId, Function<JsonNode, List<T>> rows) {
        List<T> all = new ArrayList<>();
        URL url = first;
        for (int page = 1; url != null; page++) {
            JsonNode body = get(url, correlationId);
            all.addAll(rows.apply(body));
            String next = RegionOfferJson.nextLink(body);
            url = next == null ? null : nextPage(first, next, page);
        }
        return all;
    }

    /** A {@code nextLink} on the first page's endpoint and path, or a transient failure (the next read retries). */
    private URL nextPage(URL first, String next, int pagesRead) {
        try {
            URI uri = new URI(next);
            boolean same = endpoint.uri().getScheme().equalsIgnoreCase(uri.getScheme())
                    && endpoint.uri().getRawAuthority().equalsIgnoreCase(uri.getRawAuthority())
                    && first.getPath().equalsIgnoreCase(uri.getRawPath());
            if (same && pagesRead < MAX_PAGES) {
                return uri.toURL();
            }
        } catch (java.net.URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            // reported below
        }
        throw new ProvisioningException(ErrorKind.TRANSIENT, "MalformedArmResponse", "ARM answered "
                + first.getPath() + " with a nextLink that is not a further page of it (or over " + MAX_PAGES
                + " pages); not followed.");
    }

    private JsonNode get(URL url, String correlationId) {
        ArmReply reply = exchange.send(HttpMethod.GET, url, null, correlationId, SecretValues.none());
        try {
            JsonNode root = reply.hasBody() ? Json.MAPPER.readTree(reply.body()) : null;
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ProvisioningException(ErrorKind.TRANSIENT, "MalformedArmResponse", "ARM answered HTTP "
                + reply.status() + " for " + url.getPath() + " without a list body.");
    }

    private URL url(String subscriptionId, String location, String list) {
        try {
            return new URL(endpoint.uri() + "/subscriptions/" + subscriptionId
                    + "/providers/Microsoft.MachineLearningServices/locations/" + location + "/" + list
                    + "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
        } catch (MalformedURLException e) {
            throw new ProvisioningException(ErrorKind.INVALID_REQUEST, "InvalidLocation",
                    "Not a valid ARM URL for region " + location);
        }
    }
}

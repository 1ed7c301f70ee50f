package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;

import java.util.Optional;

/**
 * The port through which this app changes Azure ML computes ({@code Microsoft.MachineLearningServices/
 * workspaces/computes}). Writes return once ARM has accepted them; waiting for the result is the caller's job
 * (durable timers in the orchestration), so no call blocks for minutes. Every HTTP call carries a fresh
 * {@code x-ms-client-request-id} and an {@code x-ms-correlation-request-id} that stands for {@code correlationId},
 * the same for every call of a request.
 *
 * <p>Every failure surfaces as a {@link ProvisioningException} carrying an {@link ErrorKind}. Retryable kinds
 * have already been retried a bounded number of times, honouring Retry-After, before they surface.
 * Implementations are thread-safe.
 */
public interface ComputeGateway {

    /** The compute, or empty when ARM answers 404. */
    Optional<ComputeResource> get(ComputeAddress address, String correlationId);

    /**
     * PUT of a new AmlCompute cluster, tagged with {@code mark} beside the request's own tags. Secret references in
     * {@code cluster} are resolved here, at the last moment.
     *
     * @throws ProvisioningException {@link ErrorKind#CONFLICT} when a compute of that name exists already
     */
    ComputeResource create(ComputeAddress address, EnsureAmlCompute cluster, CreatorMark mark, String correlationId);

    /**
     * PUT that attaches an existing resource, tagged with {@code mark}. Secret references are resolved here, at the
     * last moment.
     *
     * @throws ProvisioningException {@link ErrorKind#CONFLICT} when a compute of that name exists already
     */
    ComputeResource attach(ComputeAddress address, AttachCompute attach, CreatorMark mark, String correlationId);

    /**
     * PUT of a new compute instance, tagged with {@code mark} beside the request's own tags. The SSH key reference, if
     * any, is resolved here, at the last moment.
     *
     * @throws ProvisioningException {@link ErrorKind#CONFLICT} when a compute of that name exists already
     */
    ComputeResource createInstance(ComputeAddress address, EnsureComputeInstance instance, CreatorMark mark,
                                   String correlationId);

    /**
     * POST {@code .../start} of a compute instance: returns once ARM has accepted it (202); the instance then reads
     * Starting, then Running.
     *
     * @throws ProvisioningException {@link ErrorKind#OPERATION_IN_PROGRESS} while another operation of the instance
     *                               runs; {@link ErrorKind#INVALID_REQUEST} when its state does not allow a start
     *                               (only a Stopped instance starts); {@link ErrorKind#NOT_FOUND} when it is gone
     */
    void start(ComputeAddress address, String correlationId);

    /** POST {@code .../stop}, as {@link #start}: a Running instance reads Stopping, then Stopped. */
    void stop(ComputeAddress address, String correlationId);

    /** POST {@code .../restart}, as {@link #start}: a Running instance reads Restarting, then Running. */
    void restart(ComputeAddress address, String correlationId);

    /** PATCH of the scale settings, the only thing ARM lets a PATCH change. */
    ComputeResource updateScale(ComputeAddress address, UpdateScaleSettings update, String correlationId);

    /**
     * DELETE with {@code underlyingResourceAction}.
     *
     * @return false when the compute did not exist (ARM answers 204)
     */
    boolean delete(ComputeAddress address, UnderlyingResourceAction action, String correlationId);
}

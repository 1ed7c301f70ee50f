package io.amlcompute.provisioner.local.host.worker;

import java.util.Arrays;
import java.util.Objects;

/**
 * One value as the Functions host and the Java worker exchange it over gRPC: the {@code TypedData} message of
 * FunctionRpc.proto, one case per kind the host sends to or receives from a Java worker. The kind, not the Java
 * type of the parameter, decides how a value converts (see {@link WorkerConversion}).
 */
public sealed interface TypedData {

    /** {@code string}: text, e.g. a Service Bus body bound as a string, an activity's input JSON, a route value. */
    record Text(String value) implements TypedData {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code json}: JSON text, e.g. a number, a date or a dictionary of the trigger's metadata. */
    record Json(String value) implements TypedData {
        public Json {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code bytes}. */
    record Bytes(byte[] value) implements TypedData {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes]";
        }
    }

    /** {@code int} (a 64-bit integer on the wire). Only the worker sends it: the host sends numbers as json. */
    record Int(long value) implements TypedData {
    }

    /** {@code double}. */
    record Real(double value) implements TypedData {
    }

    /** {@code http}: an HTTP request (host to worker) or response (worker to host). */
    record Http(RpcHttp value) implements TypedData {
        public Http {
            Objects.requireNonNull(value, "value");
        }
    }

    /** No case set: what the host sends for a null input, and the worker binds as null. */
    record None() implements TypedData {
    }
}

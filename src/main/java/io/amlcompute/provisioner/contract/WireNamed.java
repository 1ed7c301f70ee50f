package io.amlcompute.provisioner.contract;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum constant with the exact spelling it has in requests, events and ARM bodies. */
public interface WireNamed {

    /** Also how Jackson writes and reads the constant. */
    @JsonValue
    String wireName();

    /** Exact, case-sensitive lookup: the wire names are case-sensitive in the contract and in ARM. */
    static <E extends Enum<E> & WireNamed> Optional<E> lookup(Class<E> type, String wireName) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wireName().equals(wireName)).findFirst();
    }

    /** The accepted wire names, comma-separated, for error messages. */
    static <E extends Enum<E> & WireNamed> String wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNamed::wireName).collect(Collectors.joining(", "));
    }
}
